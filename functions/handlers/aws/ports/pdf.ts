import { BoundedPdfReader } from '../../../adapters/pdf';

export const pdf = () => new BoundedPdfReader();
