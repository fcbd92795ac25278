/**
 * A strict reader of the XML this server writes, for tests: an optional XML declaration, then one
 * element with attributes, text and the five predefined and numeric character references. It refuses
 * anything not well-formed by XML 1.0 (an unclosed or mismatched tag, a bare "<" or "&", a duplicate
 * attribute, a character XML does not allow, text outside the root). Comments, CDATA, processing
 * instructions and DTDs are refused too: the server never writes them.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const DECLARATION = /^<\?xml version="1\.0"(?: encoding="utf-8")?\?>/i;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(text);
  if (invalid) fail(`a character XML does not allow (U+${invalid[0].codePointAt(0)!.toString(16).toUpperCase()})`, invalid.index);
  let at = DECLARATION.exec(text)?.[0].length ?? 0;

  const skipSpace = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (!match) fail('a name', at);
    at = NAME.lastIndex;
    return match[0];
  };
  const expect = (literal: string) => {
    if (!text.startsWith(literal, at)) fail(`"${literal}"`, at);
    at += literal.length;
  };
  /** Text up to `stop`, its references decoded; never a "<", and "&" only as a reference. */
  const characters = (stop: RegExp): string => {
    let decoded = '';
    while (at < text.length && !stop.test(text[at]!)) {
      if (text[at] === '<') fail('no "<" in text', at);
      if (text[at] === '&') {
        const reference = /^&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|([A-Za-z]+));/.exec(text.slice(at, at + 12));
        if (!reference) fail('a character reference after "&"', at);
        const code = reference[1] ? Number(reference[1]) : reference[2] ? Number.parseInt(reference[2], 16) : undefined;
        const character = code !== undefined ? String.fromCodePoint(code) : PREDEFINED[reference[3]!];
        if (character === undefined || /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(character)) fail('a known reference to an allowed character', at);
        decoded += character;
        at += reference[0].length;
      } else {
        if (text.startsWith(']]>', at)) fail('no "]]>" in text', at);
        decoded += text[at];
        at += 1;
      }
    }
    return decoded;
  };
  const element = (): XmlElement => {
    expect('<');
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith('/>', at) || text.startsWith('>', at)) break;
      if (at === before) fail('a space before an attribute', at);
      const attribute = name();
      if (Object.hasOwn(attributes, attribute)) fail(`attribute ${attribute} once`, at);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail('a quoted attribute value', at);
      at += 1;
      attributes[attribute] = characters(quote === '"' ? /"/ : /'/);
      expect(quote);
    }
    if (text.startsWith('/>', at)) {
      at += 2;
      return { name: tag, attributes, children: [] };
    }
    expect('>');
    const children: XmlNode[] = [];
    for (;;) {
      const data = characters(/</);
      if (data !== '') children.push(data);
      if (at >= text.length) fail(`</${tag}>`, at);
      if (text.startsWith('</', at)) break;
      if (/^<[!?]/.test(text.slice(at, at + 2))) fail('an element (no comments, CDATA or instructions)', at);
      children.push(element());
    }
    expect(`</${tag}`);
    skipSpace();
    expect('>');
    return { name: tag, attributes, children };
  };

  skipSpace();
  const root = element();
  skipSpace();
  if (at !== text.length) fail('nothing after the root element', at);
  return root;
}

/** The child elements named so, in order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

/** The one child element named so; throws when there is none or more than one. */
export function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> elements, not one`);
  return found[0]!;
}

/** The text inside an element, its references decoded. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

function fail(expected: string, at: number): never {
  throw new SyntaxError(`Not well-formed XML: expected ${expected} at offset ${at}`);
}
