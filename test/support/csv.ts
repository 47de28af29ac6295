/**
 * A strict RFC 4180 reader for tests: fields quoted or not, doubled quotes, commas and line
 * breaks inside quotes, records ended by CRLF. Anything else (a bare LF, a stray quote, a last
 * record without its CRLF) throws, so a test that reads a file back also proves it follows the
 * RFC. A leading byte-order mark is skipped, as spreadsheets do.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  // Something of the current record has been read: a record ends only at CRLF.
  let open = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const fail = (why: string): never => {
    throw new Error(`CSV at ${i}: ${why}`);
  };
  const quoted = () => {
    for (i += 1; ; i += 1) {
      if (i >= text.length) fail('unterminated quote');
      if (text[i] !== '"') field += text[i];
      else if (text[i + 1] === '"') field += text[++i];
      else break;
    }
    i += 1;
    if (i < text.length && text[i] !== ',' && text[i] !== '\r') fail('text after a quote');
  };
  while (i < text.length) {
    const char = text[i]!;
    open = true;
    if (char === '"' && field === '') quoted();
    else if (char === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (char === '\r') {
      if (text[i + 1] !== '\n') fail('CR without LF');
      row.push(field);
      rows.push(row);
      [row, field, open] = [[], '', false];
      i += 2;
    } else if (char === '\n') fail('LF without CR');
    else if (char === '"') fail('quote inside an unquoted field');
    else {
      field += char;
      i += 1;
    }
  }
  if (open) fail('last record not ended by CRLF');
  return rows;
}
