// Placeholder until the payment area lands; replaced by the payments helper.
import type { CreatePaymentArea } from '../context.js';

export const createPaymentArea: CreatePaymentArea = () => ({ handlers: [], close: async () => {} });
