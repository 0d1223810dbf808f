// Invalid meta objects, markings and extensions (specification sections 7, 3.10, 11.3).
import { describe, it } from 'vitest';
import { EXAMPLES, IDS, TLP1_GREEN, example } from './testing/examples.ts';
import { expectClean, expectDefect, withProps } from './testing/expect-defect.ts';

const EXT = IDS.extension;
const WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';

describe('marking definitions (7.2)', () => {
  it('needs definition_type and definition unless it uses extensions', () => {
    const md = withProps(example('marking-definition'), { definition_type: undefined, definition: undefined });
    expectDefect(md, { code: 'missing-property', path: '$.definition_type' });
    expectDefect(md, { code: 'missing-property', path: '$.definition' });
    expectClean(withProps(md, { extensions: { [EXT]: { extension_type: 'property-extension', level: 'internal' } } }));
    expectDefect(withProps(example('marking-definition'), { definition: { text: 'x' } }), { code: 'missing-property', path: '$.definition.statement' });
    expectDefect(withProps(example('marking-definition'), { definition: 'x' }), { code: 'wrong-kind', path: '$.definition' });
  });
  it('allows only the four predefined TLP 1.0 markings; a predefined id with other content is kept with a warning', () => {
    expectDefect(withProps(TLP1_GREEN, { id: IDS.statement }), { code: 'tlp-marking', path: '$' });
    // OpenCTI's TLP:CLEAR written on the TLP 1.0 WHITE id.
    const opencti = { ...TLP1_GREEN, id: WHITE, name: 'TLP:CLEAR', definition: { tlp: 'clear' } };
    const defects = expectDefect(opencti, { code: 'tlp-marking', path: '$.definition.tlp', severity: 'warning' });
    if (defects.some((d) => d.severity === 'error')) throw new Error('the OpenCTI CLEAR marking must be kept');
  });
  it('must not mark itself', () => {
    expectDefect(withProps(example('marking-definition'), { object_marking_refs: [IDS.statement] }), { code: 'marking-circular', path: '$.object_marking_refs' });
    expectDefect(withProps(example('marking-definition'), { granular_markings: [{ marking_ref: IDS.statement, selectors: ['name'] }] }), { code: 'marking-circular', path: '$.granular_markings' });
  });
});

describe('granular markings (7.2.3)', () => {
  const marked = (markings: unknown) => withProps(example('indicator'), { granular_markings: markings });
  it('carries exactly one of lang and marking_ref, and selectors', () => {
    expectDefect(marked([{ lang: 'de', marking_ref: IDS.tlpGreen, selectors: ['name'] }]), { code: 'mutually-exclusive', path: '$.granular_markings[0].marking_ref' });
    expectDefect(marked([{ selectors: ['name'] }]), { code: 'missing-one-of', path: '$.granular_markings[0]' });
    expectDefect(marked([{ marking_ref: IDS.tlpGreen }]), { code: 'missing-property', path: '$.granular_markings[0].selectors' });
    expectDefect(marked([{ marking_ref: IDS.csirt, selectors: ['name'] }]), { code: 'ref-type', path: '$.granular_markings[0].marking_ref' });
  });
  it('selects only content that is present (the examples of 7.2.3.1)', () => {
    expectClean(marked([{ marking_ref: IDS.tlpGreen, selectors: ['name', 'kill_chain_phases.[0].phase_name', 'indicator_types.[0]', 'object_marking_refs'] }]));
    expectDefect(marked([{ marking_ref: IDS.tlpGreen, selectors: ['description'] }]), { code: 'selector', path: '$.granular_markings[0].selectors[0]' });
    expectDefect(marked([{ marking_ref: IDS.tlpGreen, selectors: ['name', 'name.[0]'] }]), { code: 'selector', path: '$.granular_markings[0].selectors[1]' });
    expectDefect(marked([{ marking_ref: IDS.tlpGreen, selectors: ['indicator_types.[3]'] }]), { code: 'selector', path: '$.granular_markings[0].selectors[0]' });
    expectDefect(marked([{ marking_ref: IDS.tlpGreen, selectors: ['indicator_types.name'] }]), { code: 'selector', path: '$.granular_markings[0].selectors[0]' });
    expectDefect(marked([{ lang: 'de', selectors: ['name'] }, { marking_ref: IDS.tlpGreen, selectors: [''] }]), { code: 'selector', path: '$.granular_markings[1].selectors[0]' });
  });
});

describe('language content and extension definitions (7.1, 7.3)', () => {
  it('keys translations by language tag and points at a STIX object', () => {
    expectDefect(withProps(example('language-content'), { contents: { 'fr!': { name: 'x' } } }), { code: 'invalid-lang', path: '$.contents["fr!"]' });
    expectDefect(withProps(example('language-content'), { contents: { fr: 'x' } }), { code: 'wrong-kind', path: '$.contents.fr' });
    expectDefect(withProps(example('language-content'), { object_ref: IDS.bundle }), { code: 'ref-type', path: '$.object_ref' });
    expectDefect(withProps(example('language-content'), { lang: 'en' }), { code: 'not-applicable-property', path: '$.lang', severity: 'warning' });
  });
  it('checks extension types and where extension_properties may appear', () => {
    expectDefect(withProps(example('extension-definition'), { extension_types: ['new-thing'] }), { code: 'enum', path: '$.extension_types[0]' });
    expectDefect(withProps(example('extension-definition'), { extension_properties: ['rank'] }), { code: 'requires', path: '$.extension_properties' });
    expectClean(withProps(example('extension-definition'), { extension_types: ['toplevel-property-extension'], extension_properties: ['rank'] }));
  });
});

describe('extensions (3.2, 7.3, 11.3)', () => {
  const withExt = (type: string, extensions: unknown) => withProps(example(type), { extensions });
  it('checks extension-definition instances', () => {
    expectDefect(withExt('indicator', {}), { code: 'empty-dictionary', path: '$.extensions' });
    expectDefect(withExt('indicator', { 'extension-definition--nope': { extension_type: 'property-extension' } }), { code: 'invalid-extension', path: '$.extensions["extension-definition--nope"]' });
    expectDefect(withExt('indicator', { [EXT]: { rank: 5 } }), { code: 'missing-property', path: `$.extensions["${EXT}"].extension_type` });
    expectDefect(withExt('indicator', { [EXT]: { extension_type: 'sideways' } }), { code: 'enum', path: `$.extensions["${EXT}"].extension_type` });
    expectDefect(withExt('indicator', { [EXT]: { extension_type: 'new-sdo' } }), { code: 'invalid-extension', path: `$.extensions["${EXT}"].extension_type` });
    expectDefect(withExt('indicator', { [EXT]: { extension_type: 'property-extension', Rank: 5 } }), { code: 'custom-property-name', path: `$.extensions["${EXT}"].Rank`, severity: 'warning' });
    expectDefect(withExt('indicator', { 'acme-ext': { rank: 5 } }), { code: 'extension-key', path: '$.extensions["acme-ext"]', severity: 'warning' });
    expectClean(withExt('indicator', { [EXT]: { extension_type: 'property-extension', rank: 5, toxicity: 8 } }));
  });
  it('accepts properties added by a top-level property extension', () => {
    const top = { ...withExt('indicator', { [EXT]: { extension_type: 'toplevel-property-extension' } }), rank: 1, toxicity: 2 };
    expectClean(top);
    const definitions = new Map([[EXT, { ...EXAMPLES['extension-definition'], extension_types: ['toplevel-property-extension'], extension_properties: ['rank'] }]]);
    expectDefect(top, { code: 'custom-property-unprefixed', path: '$.toxicity', severity: 'warning' }, { extensionDefinitions: definitions });
  });
  it('checks predefined SCO extensions and deprecated custom SCO extensions', () => {
    expectDefect(withExt('file', { 'ntfs-ext': {} }), { code: 'missing-one-of', path: '$.extensions["ntfs-ext"]' });
    expectDefect(withExt('file', { 'archive-ext': { comment: 'x' } }), { code: 'missing-property', path: '$.extensions["archive-ext"].contains_refs' });
    expectDefect(withExt('file', { 'archive-ext': { contains_refs: [IDS.indicator] } }), { code: 'ref-type', path: '$.extensions["archive-ext"].contains_refs[0]' });
    expectDefect(withExt('process', { 'ntfs-ext': { sid: '1' } }), { code: 'extension-key', path: '$.extensions["ntfs-ext"]', severity: 'warning' });
    expectDefect(withExt('file', { 'x-acme': { foo: 1 } }), { code: 'invalid-extension', path: '$.extensions["x-acme"]' });
    expectDefect(withExt('file', { 'x-acme-ext': {} }), { code: 'invalid-extension', path: '$.extensions["x-acme-ext"]' });
    expectClean(withExt('file', { 'x-acme-ext': { foo_val: 'foo' } }));
  });
});
