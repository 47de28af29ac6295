import { readFileSync } from 'node:fs';

export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  number: number;
}

/**
 * Reads the block-style YAML docker-compose.yml is written in: mappings, lists, plain and quoted
 * scalars, whole-line comments. No YAML parser is a dependency of ours, so the file keeps to
 * this subset and anything outside it (flow collections, anchors, multi-line strings, trailing
 * comments) is an error here rather than something silently misread.
 */
export function readComposeFile(file: string): Yaml {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ raw, number: i + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.trim().startsWith('#'))
    .map(({ raw, number }) => {
      const text = raw.trimStart();
      if (/ #/.test(unquoted(text)))
        throw new Error(`line ${number}: outside the YAML this reader accepts: ${raw}`);
      return { indent: raw.length - text.length, text: text.trimEnd(), number };
    });
  const at = { i: 0 };
  const value = block(lines, at, 0);
  if (at.i < lines.length) throw new Error(`line ${lines[at.i]!.number}: unexpected indentation`);
  return value;
}

function block(lines: Line[], at: { i: number }, indent: number): Yaml {
  const first = lines[at.i];
  if (!first || first.indent < indent) return '';
  return first.text.startsWith('- ') || first.text === '-'
    ? list(lines, at, first.indent)
    : mapping(lines, at, first.indent);
}

function list(lines: Line[], at: { i: number }, indent: number): Yaml[] {
  const items: Yaml[] = [];
  for (let line = lines[at.i]; line && line.indent === indent; line = lines[at.i]) {
    if (!line.text.startsWith('- ')) throw new Error(`line ${line.number}: expected a list item`);
    const rest = line.text.slice(2);
    if (keyOf(rest) === null) {
      items.push(scalar(rest, line.number));
      at.i += 1;
    } else {
      // "- key: value" opens a mapping whose further keys sit two columns in.
      lines[at.i] = { ...line, indent: indent + 2, text: rest };
      items.push(mapping(lines, at, indent + 2));
    }
  }
  return items;
}

function mapping(lines: Line[], at: { i: number }, indent: number): { [key: string]: Yaml } {
  const map: { [key: string]: Yaml } = {};
  for (let line = lines[at.i]; line && line.indent === indent; line = lines[at.i]) {
    const key = keyOf(line.text);
    if (key === null) throw new Error(`line ${line.number}: expected "key: value"`);
    const rest = line.text.slice(line.text.indexOf(':') + 1).trim();
    at.i += 1;
    map[key] = rest === '' ? block(lines, at, indent + 1) : scalar(rest, line.number);
  }
  return map;
}

function keyOf(text: string): string | null {
  const match = /^([A-Za-z0-9_.-]+):(?: |$)/.exec(text);
  return match ? match[1]! : null;
}

function scalar(text: string, number: number): string {
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Error(`line ${number}: unclosed quote`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (/^[[\]{}&*|>!%@`]/.test(text))
    throw new Error(`line ${number}: outside the YAML this reader accepts: ${text}`);
  return text;
}

/** The text outside quotes, to find a trailing comment. */
function unquoted(text: string): string {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"/g, "''");
}

export function mapAt(value: Yaml | undefined, name: string): { [key: string]: Yaml } {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${name} is not a mapping`);
  return value;
}

export function listAt(value: Yaml | undefined, name: string): Yaml[] {
  if (!Array.isArray(value)) throw new Error(`${name} is not a list`);
  return value;
}
