import { describe, expect, it } from 'vitest';
import { FORMULA_STARTS, FORMULA_STARTS_TEXT, csvCell, csvTable } from './csv.js';

describe('CSV cells', () => {
  it('quotes only what needs it, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('{"scope":"x"}')).toBe('"{""scope"":""x""}"');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(FORMULA_STARTS_TEXT).toBe('`=`, `+`, `-`, `@`, a tab or a carriage return');
    for (const start of FORMULA_STARTS) expect(csvCell(`${start}SUM(A1)`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends every line, the last too, with CRLF', () => {
    expect(csvTable(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
  });
});
