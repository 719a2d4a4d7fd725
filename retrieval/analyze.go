// Package retrieval finds the passages of the vetted corpus that answer a question.
//
// Text is first folded (package normalize: NFKC, Traditional->Simplified, lower case), then
// tokenised: Chinese as character bigrams plus unigrams (no word segmenter is needed and
// medical compounds such as 干细胞 or 渐冻症 are covered by their bigrams), English as words with
// a light plural stemmer, digits as numbers. The concept map (corpus/concepts.yaml) adds one
// "#id" term for every group of synonyms a text mentions, which ties patients' words to the
// corpus's words across languages: "渐冻人" and "ALS" both yield "#als".
//
// Lexical search is BM25 over passages (key points and body paragraphs). A dense retriever
// (any Embedder) can join through reciprocal-rank fusion (Fuse); with none configured, lexical
// search runs alone.
package retrieval

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"patientqa/corpus"
	"patientqa/internal/trie"
	"patientqa/normalize"
)

// ConceptPrefix starts every concept term, so it can never collide with a word.
const ConceptPrefix = "#"

// Analyzer turns text into search terms. It is immutable and safe for concurrent use.
type Analyzer struct {
	terms  []conceptTerm // in the order of the concept map
	phrase *trie.Trie    // folded term text -> indexes in terms
}

type conceptTerm struct {
	text      string // folded
	id        string
	latin     bool // match whole words only
	condition bool
}

// NewAnalyzer builds an analyzer for the concept map.
func NewAnalyzer(concepts []corpus.Concept) *Analyzer {
	a := &Analyzer{phrase: trie.New()}
	for _, c := range concepts {
		for _, t := range c.Terms {
			t = normalize.Fold(t)
			if t == "" {
				continue
			}
			a.phrase.Add(t, len(a.terms))
			a.terms = append(a.terms, conceptTerm{text: t, id: c.ID, latin: !normalize.HasHan(t),
				condition: c.Kind == corpus.ConceptCondition || c.Kind == corpus.ConceptOutside})
		}
	}
	return a
}

// Analyze folds text and returns it with its terms: tokens plus concept terms, in order of
// appearance, with repeats (term frequency matters to BM25).
func (a *Analyzer) Analyze(text string) (folded string, terms []string) {
	folded = normalize.Fold(text)
	terms = Tokenize(folded)
	return folded, append(terms, a.Concepts(folded)...)
}

// Concepts returns the concept terms ("#als") that folded text mentions, each once.
func (a *Analyzer) Concepts(folded string) []string {
	ids, _ := a.conceptMatches(folded)
	return ids
}

// conceptMatches returns the concept terms that folded text mentions, each once, and the
// words that matched them. A disease inside a longer name of another disease does not count:
// "类风湿关节炎" is rheumatoid arthritis, not the "关节炎" of knee osteoarthritis.
func (a *Analyzer) conceptMatches(folded string) (ids, words []string) {
	folded = quotes.Replace(folded) // 说的“回输”是什么意思 still says 回输是什么意思
	type match struct {
		start, end int
		t          conceptTerm
		index      int // in a.terms
	}
	var ms []match
	a.phrase.Scan(folded, func(start, end int, idx []int) {
		for _, i := range idx {
			t := a.terms[i]
			if t.latin && !wordBounded(folded, start, end) {
				continue
			}
			ms = append(ms, match{start, end, t, i})
		}
	})
	// By position, then in the order of the concept map (the order of ids and words).
	slices.SortFunc(ms, func(x, y match) int { return cmp.Or(x.start-y.start, x.index-y.index) })
	seen := map[string]bool{}
	for _, m := range ms {
		inside := false
		for _, o := range ms {
			if m.t.condition && o.t.condition && o.t.id != m.t.id && o.start <= m.start && m.end <= o.end &&
				o.end-o.start > m.end-m.start {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		words = append(words, m.t.text)
		if !seen[m.t.id] {
			seen[m.t.id] = true
			ids = append(ids, ConceptPrefix+m.t.id)
		}
	}
	return ids, words
}

var quotes = strings.NewReplacer("“", "", "”", "", "「", "", "」", "", "『", "", "』", "", "\"", "", "‘", "", "’", "")

// wordBounded reports whether s[i:j] is not part of a longer Latin word or number.
func wordBounded(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWordRune(r) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Tokenize splits folded text into terms: for each run of Chinese characters its bigrams and
// its unigrams (minus function characters), for Latin text its words (minus stop words,
// plurals stemmed) and numbers.
func Tokenize(folded string) []string {
	var out []string
	// The current Han run: its runes and where each starts in folded, plus where it ends, so
	// unigrams and bigrams are slices of folded rather than new strings.
	var run []rune
	var at []int
	flush := func(end int) {
		at = append(at, end)
		for i, r := range run {
			if !zhStop[r] {
				out = append(out, folded[at[i]:at[i+1]])
			}
			if i+1 < len(run) {
				bg := folded[at[i]:at[i+2]]
				if !zhStopBigrams[bg] && !zhParticle[run[i]] && !zhParticle[run[i+1]] {
					out = append(out, bg)
				}
			}
		}
		run, at = run[:0], at[:0]
	}
	word := -1 // start of current Latin word
	for i, r := range folded {
		if isHan(r) {
			run = append(run, r)
			at = append(at, i)
		} else if len(run) > 0 {
			flush(i)
		}
		latin := isWordRune(r) || (word >= 0 && r == '\'')
		switch {
		case latin && word < 0:
			word = i
		case !latin && word >= 0:
			out = appendWord(out, folded[word:i])
			word = -1
		}
	}
	if word >= 0 {
		out = appendWord(out, folded[word:])
	}
	if len(run) > 0 {
		flush(len(folded))
	}
	return out
}

// isHan is unicode.Is(unicode.Han, r), answered at once for ASCII and the main CJK block.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80: // below the first Han range
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return true
	}
	return unicode.Is(unicode.Han, r)
}

func appendWord(out []string, w string) []string {
	w = strings.Trim(w, "'")
	w = strings.TrimSuffix(w, "'s")
	if w == "" || enStop[w] {
		return out
	}
	return append(out, stem(w))
}

// stem removes a plural ending: enough to match "cells" with "cell" and "trials" with "trial"
// without a full stemmer's surprises on medical words.
func stem(w string) string {
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "es"):
		return w[:len(w)-1]
	}
	return w
}

var zhStop = runeSet("的了是在和与或吗呢吧啊呀哦嘛我你您他她它们这那有也都就很还会能可以及对于为被把给让从到个么什怎样如何哪请问想要一不没和而且但之其该此等着过得地所麻烦谢")

// zhFunction are characters that mostly glue words together in questions; a bigram with one
// that the corpus lacks is not a missing word.
var zhFunction = runeSet("的了是在和与或吗呢吧啊呀哦嘛我你他她它们这那有也都就很还会能可以及对于为被把给让从到个么什怎样如何哪请问想要一不没而且但之其该此等着过得地所几多少打做用说去来太真好些种么咩唔嘅咗啲係冇佢乜点")

// zhParticle are grammatical particles and the copula, Mandarin and Cantonese:
// a bigram with one is never a word worth
// matching ("是干" in "什么是干细胞" would otherwise favour any text saying "不是干细胞").
var zhParticle = runeSet("的是吗呢吧啊呀嘛么哦啲咩嘅咗喺冇唔佢嚟㗎噉咁")

var zhStopBigrams = stringSet("哪里", "哪儿", "去哪", "哪些", "哪个", "有哪", "哪几", "为什", "能否", "应该", "请教",
	"麻烦", "您好", "你好", "谢谢", "问一", "问问", "打扰", "老师", "帮忙", "帮我", "什么", "怎么", "怎样", "可以", "是否", "如何", "我们", "你们", "他们", "这个", "那个",
	"一个", "请问", "想问", "知道", "有没", "没有", "是不", "不是", "有什", "能不", "不能", "一下", "这样", "那么",
	"还是", "就是", "已经", "因为", "所以", "如果", "但是", "的话", "么样", "么办", "我的", "我妈", "我爸")

var enStop = stringSet("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
	"with", "about", "from", "as", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
	"have", "has", "had", "i", "me", "my", "we", "our", "you", "your", "he", "she", "it", "its", "they",
	"them", "their", "this", "that", "these", "those", "what", "which", "who", "whom", "how", "why", "when",
	"where", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "there", "here",
	"so", "than", "then", "too", "very", "just", "any", "some", "all", "such", "into", "out", "up",
	"please", "tell", "know", "get", "got", "really", "also", "s", "t")

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

func stringSet(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
