import { describe, expect, it } from 'vitest';
import { headerOf, textOf } from './smtp-capture.js';

describe('reading a captured message', () => {
  const raw = [
    'From: Partnership Engine <notifications@localhost>',
    'Subject: =?UTF-8?Q?[Partnership_Engine]_Reminder_=E2=80=94_Health?=',
    ' =?UTF-8?Q?_corridor?=',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Reminder: "Approve the priorities of Health corridor" is due 2026-03-01T09:00:0=',
    '0.000Z =C2=B7 done',
  ].join('\r\n');

  it('decodes encoded words of a folded header', () => {
    expect(headerOf(raw, 'subject')).toBe('[Partnership Engine] Reminder — Health corridor');
    expect(headerOf(raw, 'x-missing')).toBe('');
  });

  it('decodes a quoted-printable body, soft line breaks joined', () => {
    expect(textOf(raw)).toBe('Reminder: "Approve the priorities of Health corridor" is due 2026-03-01T09:00:00.000Z · done');
  });

  it('decodes a base64 body', () => {
    const encoded = `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from('héllo\r\nworld').toString('base64')}`;
    expect(textOf(encoded)).toBe('héllo\nworld');
  });
});
