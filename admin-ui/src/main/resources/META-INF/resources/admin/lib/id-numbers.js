// Check digits of Chinese identity numbers, checked in the browser as the user types (the service
// checks them again): GB 11643 for resident identity cards, GB 32100 for unified social credit codes.
// A resident ID issued before 1999 has 15 digits (region, YYMMDD, sequence) and no check digit; the
// service compares it in its 18-digit form.

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Half-width, upper case, without spaces and '-': the number as the service compares it. */
function normalized(value) {
  return String(value || '')
    .replace(/[\uFF01-\uFF5E]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xFEE0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

/** The date YYYYMMDD names, as 'YYYY-MM-DD', or null when there is no such day. */
function dateOf(yyyymmdd) {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return valid ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : null;
}

/** The birth date inside a well-formed resident ID (18 or 15 digits) as 'YYYY-MM-DD', or null. */
export function residentIdBirthDate(value) {
  const id = normalized(value);
  if (/^\d{15}$/.test(id)) return dateOf('19' + id.slice(6, 12));
  if (/^\d{17}[\dX]$/.test(id)) return dateOf(id.slice(6, 14));
  return null;
}

/** null when the number is a valid resident identity number, else the reason ('format', 'birthDate' or 'checkDigit'). */
export function residentIdProblem(value) {
  const id = normalized(value);
  if (!/^\d{17}[\dX]$/.test(id) && !/^\d{15}$/.test(id)) return 'format';
  if (!residentIdBirthDate(id)) return 'birthDate';
  if (id.length === 15) return null;
  const sum = RESIDENT_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return RESIDENT_CHECK[sum % 11] === id[17] ? null : 'checkDigit';
}

/** null when the code is a valid unified social credit code, else 'format' or 'checkDigit'. */
export function usccProblem(value) {
  const code = normalized(value);
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
