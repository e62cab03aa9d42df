/**
 * Zod compiles object parsers with `new Function` when it may, and probes whether it may by calling
 * it. The console's content-security policy refuses eval, so the probe would be reported as a
 * violation on every page: tell zod not to try. Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
