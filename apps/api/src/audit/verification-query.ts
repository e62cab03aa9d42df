import { z } from 'zod';

/** Enough partnerships per request that a thousand take twenty, few enough that one request stays short. */
export const VERIFICATION_PAGE = { default: 50, max: 200 } as const;

const LIMIT_RULE = `must be a whole number from 1 to ${VERIFICATION_PAGE.max}`;

/** GET /api/audit/verification: a page of partnerships after a cursor. */
export const verificationQuerySchema = z.strictObject({
  after: z.guid({ error: 'must be the `next` of the page before (a partnership id)' }).transform((id) => id.toLowerCase()).optional()
    .describe('The `next` of the previous page; absent for the first page'),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, { error: LIMIT_RULE })
    .transform(Number)
    .pipe(z.number().min(1, { error: LIMIT_RULE }).max(VERIFICATION_PAGE.max, { error: LIMIT_RULE }))
    .default(VERIFICATION_PAGE.default)
    .describe(`How many partnerships to verify in this request (default ${VERIFICATION_PAGE.default}, at most ${VERIFICATION_PAGE.max})`),
});
export type VerificationQuery = z.infer<typeof verificationQuerySchema>;
