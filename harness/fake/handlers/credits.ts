// The payment area lives in harness/fake/payments; this file is the seam core imports.
import type { CreatePaymentArea } from '../context.js';
import { createPaymentArea as createArea } from '../payments/index.js';

export const createPaymentArea: CreatePaymentArea = (ctx) => createArea(ctx);
export { paymentAreaOf } from '../payments/index.js';
