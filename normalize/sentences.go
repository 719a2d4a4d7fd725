package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text into sentences on Chinese and English sentence ends (。！？!? and a
// full stop followed by a space or the end), keeping each terminator and any citation markers
// such as "[2]" or "[1][3]" that follow it with the sentence they close. Decimal points
// ("3.26%") and common abbreviations ("e.g.", "Dr.") do not end a sentence. Empty pieces are
// dropped and each sentence is trimmed of surrounding space.
func Sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		end := -1
		switch r {
		case '。', '！', '？', '!', '?', '\n':
			end = i + size
		case '.', '．':
			if fullStop(text, i, size) {
				end = i + size
			}
		}
		if end < 0 {
			i += size
			continue
		}
		// Absorb repeated terminators, closing quotes/brackets and citation markers.
		end = absorbTrailer(text, end)
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start, i = end, end
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// fullStop reports whether the '.' at text[i] ends a sentence.
func fullStop(text string, i, size int) bool {
	next := text[i+size:]
	if next != "" {
		r, _ := utf8.DecodeRuneInString(next)
		if !unicode.IsSpace(r) && r != '[' && r != '"' && r != '\'' && r != ')' && r != '”' {
			return false // 3.26, e.g.x, example.org
		}
	}
	// The word before the dot: abbreviations and single letters do not end sentences.
	j := i
	for j > 0 {
		r, s := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= s
	}
	word := strings.ToLower(text[j:i])
	switch word {
	case "e.g", "i.e", "dr", "mr", "mrs", "ms", "prof", "vs", "etc", "no", "vol", "fig", "u.s", "et al", "al", "st":
		return false
	}
	return utf8.RuneCountInString(word) != 1 || next == ""
}

// absorbTrailer extends end past further terminators, closing quotes and brackets, and
// citation markers "[n]" that belong to the sentence just ended.
func absorbTrailer(text string, end int) int {
	for end < len(text) {
		rest := text[end:]
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case strings.ContainsRune("。！？!?.”’」』）)\"'", r):
			end += size
		case r == '[':
			k := strings.IndexByte(rest, ']')
			if k < 2 || !allDigits(rest[1:k]) {
				return end
			}
			end += k + 1
		case r == ' ' && strings.HasPrefix(strings.TrimLeft(rest, " "), "["):
			// "sentence. [2]" keeps its marker.
			t := strings.TrimLeft(rest, " ")
			k := strings.IndexByte(t, ']')
			if k < 2 || !allDigits(t[1:k]) {
				return end
			}
			end += len(rest) - len(t) + k + 1
		default:
			return end
		}
	}
	return end
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
