/** OCSF 1.x core projection of an event: the attributes Bulwark's detectors rely on. */
export type OcsfFingerprint = {
  /** OCSF hash algorithm id: 1 MD5, 2 SHA-1, 3 SHA-256, 4 SHA-512, 5 CTPH, 6 TLSH, 99 Other. */
  algorithm_id: number;
  algorithm: string;
  value: string;
};

export type OcsfUser = { name?: string; uid?: string; domain?: string };
export type OcsfEndpoint = { ip?: string; port?: number; hostname?: string };
export type OcsfFile = { path?: string; name?: string; hashes?: OcsfFingerprint[] };

export type OcsfCore = {
  class_uid: number;
  class_name: string;
  category_uid: number;
  activity_id: number;
  /** class_uid * 100 + activity_id */
  type_uid: number;
  /** Event time, epoch milliseconds. */
  time: number;
  /** 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other. */
  severity_id: number;
  severity: string;
  /** Authentication only: 1 Success, 2 Failure. */
  status_id?: number;
  message?: string;
  metadata: { version: string; product: { vendor_name?: string; name?: string; version?: string } };
  device?: { hostname?: string; ip?: string };
  actor?: { user?: OcsfUser };
  /** Authentication only: the account being authenticated (OCSF `user`); the actor is who asked. */
  user?: OcsfUser;
  src_endpoint?: OcsfEndpoint;
  dst_endpoint?: OcsfEndpoint;
  process?: { name?: string; pid?: number; cmd_line?: string; file?: OcsfFile };
  file?: OcsfFile;
  url?: { url_string?: string; hostname?: string; path?: string };
};

export type NativeFormat = 'json' | 'syslog' | 'cef' | 'leef';

export type OcsfInput = { format: NativeFormat; native: Record<string, unknown>; receivedAt: Date };

export const OCSF_VERSION = '1.3.0';
