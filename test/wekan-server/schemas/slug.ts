/**
 * A board's slug, as Wekan makes it: `getSlug(title) || 'board'` (models/boards.js:83-94), where getSlug is limax
 * 4.2.3 (Wekan's package-lock.json) called without options, which hands Latin text to speakingurl 14.0.1 with
 * lang 'en'. This follows both for Latin-script titles: apostrophes inside a word dropped, accents stripped
 * (umlauts kept for speakingurl, so 'ä' gives 'ae'), the letters and signs speakingurl's table names
 * transliterated ('ß' → 'ss', '$' → 'usd', '&' → 'and', ...), every other character a separator, runs of
 * separators collapsed, lower case.
 *
 * Not modelled: limax's kana (Hepburn) and Chinese (pinyin) romanisation and speakingurl's tables for Cyrillic,
 * Greek, Arabic and other scripts. Here those characters are separators, so a title written only in them gets the
 * 'board' fallback where Wekan would store a transliteration.
 */

/** speakingurl's charMap, for the characters that survive limax's accent stripping (Latin letters, signs, currency). */
const CHAR_MAP: Readonly<Record<string, string>> = {
	Ä: 'Ae',
	Æ: 'AE',
	Ð: 'D',
	Ë: 'E',
	Ï: 'I',
	Ö: 'Oe',
	Ø: 'O',
	Ü: 'Ue',
	Þ: 'TH',
	ß: 'ss',
	ä: 'ae',
	æ: 'ae',
	ð: 'd',
	ë: 'e',
	ï: 'i',
	ö: 'oe',
	ø: 'o',
	ü: 'ue',
	þ: 'th',
	ÿ: 'y',
	ẞ: 'SS',
	ł: 'l',
	Ł: 'L',
	ı: 'i',
	đ: 'd',
	Đ: 'D',
	'\u201c': '"',
	'\u201d': '"',
	'\u2018': "'",
	'\u2019': "'",
	'∂': 'd',
	ƒ: 'f',
	'©': '(C)',
	œ: 'oe',
	Œ: 'OE',
	'®': '(R)',
	'†': '+',
	'˚': 'o',
	'•': '*',
	$: 'USD',
	'€': 'EUR',
	'₢': 'BRN',
	'₣': 'FRF',
	'£': 'GBP',
	'₤': 'ITL',
	'₦': 'NGN',
	'₧': 'ESP',
	'₩': 'KRW',
	'₪': 'ILS',
	'₫': 'VND',
	'₭': 'LAK',
	'₮': 'MNT',
	'₯': 'GRD',
	'₱': 'ARS',
	'₲': 'PYG',
	'₳': 'ARA',
	'₴': 'UAH',
	'₵': 'GHS',
	'¢': 'cent',
	'¥': 'CNY',
	'₠': 'EWE',
	'฿': 'THB',
	'₨': 'INR',
	'₹': 'INR',
	'₰': 'PF',
	'₺': 'TRY',
	'₼': 'AZN',
	'₡': 'CRC',
	'₸': 'KZT',
	'₽': 'RUB',
	'₾': 'GEL',
};

/** speakingurl's English symbol words. */
const SYMBOLS: Readonly<Record<string, string>> = {
	'∆': 'delta',
	'∞': 'infinity',
	'♥': 'love',
	'&': 'and',
	'|': 'or',
	'<': 'less than',
	'>': 'greater than',
	'∑': 'sum',
	'¤': 'currency',
};

const ALNUM = /[A-Za-z0-9]/;

/** limax(text) for Latin-script text, as described above. */
export function limaxSlug(text: string): string {
	// limax: an apostrophe (or acute accent) between two non-blank characters goes.
	let input = text.replace(/(\S)(?:['\u2018\u2019\u201A\u201B\u2032\u2035]|\u0301)(\S)/g, '$1$2');
	// limax: decompose, drop the combining marks except the diaeresis, recompose.
	input = input
		.normalize('NFKD')
		.replace(/[\u0300-\u0307\u0309-\u036f]/g, '')
		.normalize('NFC');
	// speakingurl from here.
	input = input.replace(/(^\s+|\s+$)/g, '');
	let result = '';
	let lastCharWasSymbol = false;
	for (let i = 0; i < input.length; i++) {
		let ch = input[i];
		const mapped = CHAR_MAP[ch];
		const symbol = SYMBOLS[ch];
		if (mapped !== undefined) {
			ch = lastCharWasSymbol && ALNUM.test(mapped) ? ` ${mapped}` : mapped;
			lastCharWasSymbol = false;
		} else if (symbol !== undefined) {
			ch = lastCharWasSymbol || ALNUM.test(result.slice(-1)) ? `-${symbol}` : symbol;
			if (i + 1 < input.length && ALNUM.test(input[i + 1])) ch += '-';
			lastCharWasSymbol = true;
		} else {
			if (lastCharWasSymbol && ALNUM.test(ch)) ch = ` ${ch}`;
			lastCharWasSymbol = false;
		}
		result += ch.replace(/[^\w\s-]/g, '-');
	}
	return result
		.replace(/\s+/g, '-')
		.replace(/-+/g, '-')
		.replace(/(^-+|-+$)/g, '')
		.toLowerCase();
}

/** What a board's `slug` autoValue stores for a title. */
export function boardSlug(title: string): string {
	return limaxSlug(title) || 'board';
}
