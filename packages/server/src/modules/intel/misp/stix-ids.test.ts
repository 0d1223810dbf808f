// Deterministic identifiers: RFC 9562 UUIDv5, the STIX 2.1 SCO id rule, and ids of objects converted from MISP.
import { describe, expect, it } from 'vitest';
import { canonicalJson, relationshipId, scoId, stixIdFor } from './stix-ids.ts';
import { uuidv5 } from './uuid5.ts';

describe('deterministic ids', () => {
  it('UUIDv5 matches the RFC test vector (DNS namespace, www.example.com)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('SCO ids follow STIX 2.1 section 2.9 (the specification’s domain-name example)', () => {
    expect(scoId('domain-name', { value: 'example.com' }, 'unused')).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
    // Only ID contributing properties count; of several hashes only the preferred one (MD5 first).
    const a = scoId('file', { hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e', 'SHA-256': 'x' }, size: 1 }, 'unused');
    expect(scoId('file', { hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } }, 'unused')).toBe(a);
    // Without contributing properties the name-based fallback keeps the id stable.
    expect(scoId('network-traffic', {}, 'n1')).toBe(scoId('network-traffic', {}, 'n1'));
    expect(scoId('network-traffic', {}, 'n1')).not.toBe(scoId('network-traffic', {}, 'n2'));
  });

  it('canonical JSON sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined }], 'é': true })).toBe('{"a":[{"d":"x"}],"b":1,"é":true}');
  });

  it('objects from one MISP UUID get distinct ids per type and part, stable across runs', () => {
    const u = '5f1b8c2e-3a4d-4e6f-9a0b-1c2d3e4f5a6b';
    expect(stixIdFor('indicator', u)).toBe(stixIdFor('indicator', u));
    expect(stixIdFor('indicator', u)).not.toBe(stixIdFor('indicator', u.replace('5f', '6f')));
    expect(stixIdFor('indicator', u).slice(11)).not.toBe(stixIdFor('observed-data', u).slice(15));
    expect(stixIdFor('note', u, 'x')).not.toBe(stixIdFor('note', u));
    expect(relationshipId('a--1', 'uses', 'b--2')).toBe(relationshipId('a--1', 'uses', 'b--2'));
    expect(relationshipId('a--1', 'uses', 'b--2', u)).not.toBe(relationshipId('a--1', 'uses', 'b--2'));
  });
});
