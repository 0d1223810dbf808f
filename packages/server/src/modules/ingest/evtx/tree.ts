// The element tree that BinXML decodes to. Values stay raw (type + bytes) until a renderer needs them.

/** A typed value: `type` is the BinXML value type (0x01 string, 0x08 uint32, 0x81 string array…). */
export interface RawValue {
  readonly kind: 'value';
  readonly type: number;
  readonly buf: Buffer;
  readonly off: number;
  readonly size: number;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attrs: XmlAttr[];
  readonly children: XmlNode[];
}

export interface XmlAttr {
  readonly name: string;
  readonly value: XmlNode[];
}

export interface CharRef {
  readonly kind: 'charref';
  readonly code: number;
}

export interface EntityRef {
  readonly kind: 'entityref';
  readonly name: string;
}

export interface CData {
  readonly kind: 'cdata';
  readonly text: string;
}

export interface ProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
}

/** Placeholder inside a template definition, replaced by the instance's value `index`. */
export interface Substitution {
  readonly kind: 'sub';
  readonly index: number;
  readonly type: number;
  readonly optional: boolean;
}

export type XmlNode = XmlElement | RawValue | CharRef | EntityRef | CData | ProcessingInstruction | Substitution;
