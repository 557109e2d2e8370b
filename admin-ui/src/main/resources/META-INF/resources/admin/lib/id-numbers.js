// Check digits of Chinese identity numbers, checked in the browser as the user types (the service
// checks them again): GB 11643 for resident identity cards, GB 32100 for unified social credit codes.

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** null when the number is a valid resident identity number, else the reason ('format' or 'checkDigit'). */
export function residentIdProblem(value) {
  const id = String(value || '').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const sum = RESIDENT_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return RESIDENT_CHECK[sum % 11] === id[17] ? null : 'checkDigit';
}

/** null when the code is a valid unified social credit code, else 'format' or 'checkDigit'. */
export function usccProblem(value) {
  const code = String(value || '').trim().toUpperCase();
  if (code.length !== 18 || [...code].some(ch => !USCC_CHARS.includes(ch))) return 'format';
  const sum = USCC_WEIGHTS.reduce((total, weight, i) => total + weight * USCC_CHARS.indexOf(code[i]), 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17] ? null : 'checkDigit';
}

/** The problem of an identity number of the given type, or null (types without a check digit pass). */
export function idNumberProblem(idType, value) {
  if (!value) return null;
  if (idType === 'RESIDENT_ID') return residentIdProblem(value);
  if (idType === 'USCC') return usccProblem(value);
  return null;
}
