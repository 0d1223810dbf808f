// Predefined SCO extensions and the nested types of SCOs (specification sections 6.6–6.18).
import { bool, dict, either, en, float, hashes, hex, int, ov, ref, refs, str, strs, struct, structs, ts, type Prop, type ShapeDef } from './props.ts';

const count = int(0);

function atLeastOne(props: Record<string, Prop>): ShapeDef {
  return { props, atLeastOne: true };
}

const PE_OPTIONAL_HEADER_INTEGERS = [
  'major_linker_version', 'minor_linker_version', 'address_of_entry_point', 'base_of_code', 'base_of_data', 'image_base', 'section_alignment',
  'file_alignment', 'major_os_version', 'minor_os_version', 'major_image_version', 'minor_image_version', 'major_subsystem_version',
  'minor_subsystem_version', 'number_of_rva_and_sizes',
];
const PE_OPTIONAL_HEADER_SIZES = [
  'size_of_code', 'size_of_initialized_data', 'size_of_uninitialized_data', 'size_of_image', 'size_of_headers', 'size_of_stack_reserve',
  'size_of_stack_commit', 'size_of_heap_reserve', 'size_of_heap_commit',
];
const PE_OPTIONAL_HEADER_HEX = ['magic_hex', 'win32_version_value_hex', 'checksum_hex', 'subsystem_hex', 'dll_characteristics_hex', 'loader_flags_hex'];

const X509_V3_STRINGS = [
  'basic_constraints', 'name_constraints', 'policy_constraints', 'key_usage', 'extended_key_usage', 'subject_key_identifier',
  'authority_key_identifier', 'subject_alternative_name', 'issuer_alternative_name', 'subject_directory_attributes', 'crl_distribution_points',
  'inhibit_any_policy', 'certificate_policies', 'policy_mappings',
];

function table(names: readonly string[], prop: Prop): Record<string, Prop> {
  return Object.fromEntries(names.map((n) => [n, prop]));
}

export const SCO_SHAPES: Readonly<Record<string, ShapeDef>> = {
  // file
  'archive-ext': { props: { contains_refs: refs('file', 'directory'), comment: str }, required: ['contains_refs'] },
  'ntfs-ext': atLeastOne({ sid: str, alternate_data_streams: structs('alternate-data-stream') }),
  'alternate-data-stream': { props: { name: str, hashes, size: count }, required: ['name'] },
  'pdf-ext': atLeastOne({ version: str, is_optimized: bool, document_info_dict: dict(str), pdfid0: str, pdfid1: str }),
  'raster-image-ext': atLeastOne({ image_height: count, image_width: count, bits_per_pixel: count, exif_tags: dict(either(str, int())) }),
  'windows-pebinary-ext': {
    props: {
      pe_type: ov('windows-pebinary-type-ov'), imphash: str, machine_hex: hex, number_of_sections: count, time_date_stamp: ts,
      pointer_to_symbol_table_hex: hex, number_of_symbols: count, size_of_optional_header: count, characteristics_hex: hex,
      file_header_hashes: hashes, optional_header: struct('windows-pe-optional-header'), sections: structs('windows-pe-section'),
    },
    required: ['pe_type'],
  },
  'windows-pe-optional-header': atLeastOne({
    ...table(PE_OPTIONAL_HEADER_INTEGERS, int()), ...table(PE_OPTIONAL_HEADER_SIZES, count), ...table(PE_OPTIONAL_HEADER_HEX, hex), hashes,
  }),
  'windows-pe-section': { props: { name: str, size: count, entropy: float(), hashes }, required: ['name'] },
  // email-message
  'email-mime-part': { props: { body: str, body_raw_ref: ref('artifact', 'file'), content_type: str, content_disposition: str } },
  // network-traffic
  'http-request-ext': {
    props: { request_method: str, request_value: str, request_version: str, request_header: dict(strs), message_body_length: count, message_body_data_ref: ref('artifact') },
    required: ['request_method', 'request_value'],
  },
  'icmp-ext': { props: { icmp_type_hex: hex, icmp_code_hex: hex }, required: ['icmp_type_hex', 'icmp_code_hex'] },
  'socket-ext': {
    props: {
      address_family: en('network-socket-address-family-enum'), is_blocking: bool, is_listening: bool, options: dict(int()),
      socket_type: en('network-socket-type-enum'), socket_descriptor: count, socket_handle: int(),
    },
    required: ['address_family'],
  },
  'tcp-ext': atLeastOne({ src_flags_hex: hex, dst_flags_hex: hex }),
  // process
  'windows-process-ext': atLeastOne({
    aslr_enabled: bool, dep_enabled: bool, priority: str, owner_sid: str, window_title: str, startup_info: dict(),
    integrity_level: en('windows-integrity-level-enum'),
  }),
  'windows-service-ext': atLeastOne({
    service_name: str, descriptions: strs, display_name: str, group_name: str, start_type: en('windows-service-start-type-enum'),
    service_dll_refs: refs('file'), service_type: en('windows-service-type-enum'), service_status: en('windows-service-status-enum'),
  }),
  // user-account
  'unix-account-ext': atLeastOne({ gid: int(), groups: strs, home_dir: str, shell: str }),
  // windows-registry-key
  'windows-registry-value': atLeastOne({ name: str, data: str, data_type: en('windows-registry-datatype-enum') }),
  // x509-certificate
  'x509-v3-extensions': atLeastOne({
    ...table(X509_V3_STRINGS, str), private_key_usage_period_not_before: ts, private_key_usage_period_not_after: ts,
  }),
};
