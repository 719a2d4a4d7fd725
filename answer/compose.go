package answer

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"patientqa"
	"patientqa/normalize"
	"patientqa/prompts"
)

// composition collects the sentences of one answer. Each sentence carries the documents it
// cites; numbers are assigned in order of first appearance when the answer is finished, after
// the guard has dropped anything it must, so the [n] always match the citations returned.
type composition struct {
	engine   *Engine
	lang     patientqa.Lang
	chosen   []chosenDoc
	quoted   int
	out      []sentence
	coverage float64 // of the question by the chosen documents, for diagnostics
	strict   bool    // an injection attempt: only a question naming stem cells or a disease is answered
	dropped  int     // sentences the guard removed
}

type sentence struct {
	text string   // without markers; terminal punctuation kept
	docs []string // cited document ids, in order
}

type chosenDoc struct {
	doc    *patientqa.Document
	score  float64
	scored map[int]float64 // key point index -> retrieval score
	topics int             // disease and theme concepts of the question the document shares
}

// Markers the prompt templates' Cite leaves in the text; replaced by [n] in finish.
const markOpen, markClose = "\uE000", "\uE001"

// pick chooses the documents to quote and reports whether they are relevant enough.
func (c *composition) pick(q patientqa.Query, found []patientqa.Scored) bool {
	e := c.engine
	var conds []string // diseases and outside subjects the question names
	for _, t := range q.Tokens {
		if e.gate[t] && !slices.Contains(conds, t) {
			conds = append(conds, t)
		}
	}
	byDoc := map[string]*chosenDoc{}
	var order []*chosenDoc
	var passages []*patientqa.Passage
	for _, s := range found {
		p := s.Passage
		// A question about a disease is answered only from documents about that disease.
		if len(conds) > 0 && !slices.ContainsFunc(conds, func(t string) bool { return e.docTerms[p.DocID][t] }) {
			continue
		}
		cd := byDoc[p.DocID]
		if cd == nil {
			cd = &chosenDoc{doc: e.corpus.Doc(p.DocID), scored: map[int]float64{}}
			byDoc[p.DocID] = cd
			order = append(order, cd)
			cd.score = s.Score
		} else {
			cd.score += s.Score * 0.25 // further matching passages add a little
		}
		if p.Kind == patientqa.PassageKeyPoint {
			cd.scored[p.Index] = math.Max(cd.scored[p.Index], s.Score)
		}
		passages = append(passages, p)
	}
	if len(order) == 0 {
		return false
	}
	// Documents sharing more of the question's disease and theme concepts come first: the
	// concept map is the strongest evidence of what a question is about. Then BM25.
	for _, cd := range order {
		terms := e.docTerms[cd.doc.ID]
		for _, t := range q.Tokens {
			if e.sortBy[t] && terms[t] {
				cd.topics++
			}
		}
	}
	slices.SortStableFunc(order, func(a, b *chosenDoc) int {
		switch {
		case a.topics != b.topics:
			return b.topics - a.topics
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return strings.Compare(a.doc.ID, b.doc.ID)
	})
	for i, cd := range order {
		if i == maxDocs || cd.score < order[0].score*docScoreRatio || cd.topics < order[0].topics {
			break
		}
		c.chosen = append(c.chosen, *cd)
	}
	var chosenPassages []*patientqa.Passage
	for _, p := range passages {
		if slices.ContainsFunc(c.chosen, func(cd chosenDoc) bool { return cd.doc.ID == p.DocID }) {
			chosenPassages = append(chosenPassages, p)
		}
	}
	cov := e.index[q.Lang].Coverage(q, chosenPassages)
	c.coverage = cov
	// A document that shares a disease or theme concept with the question needs less lexical
	// overlap: the concept map already tied the patient's words to the corpus's. A question that
	// names neither stem cells nor a disease must be about a corpus theme.
	shares := c.sharesTopic(q.Tokens)
	switch {
	case !e.onTopic(q.Tokens):
		return shares && cov >= minCoverageTopical && !c.strict
	case len(conds) > 0 && c.hasDomain(q.Tokens):
		// A stem-cell question about a disease, answered from documents about that disease
		// (the gate above): relevant however much else a worried message says.
		return true
	}
	return shares && cov >= minCoverageTopical || cov >= minCoverage
}

// hasDomain reports whether the question names stem cells or cell therapy.
func (c *composition) hasDomain(terms []string) bool {
	return slices.ContainsFunc(terms, func(t string) bool { return c.engine.domain[t] })
}

// sharesTopic reports whether the best chosen document mentions a condition or theme concept
// of the question (not just "stem cell").
func (c *composition) sharesTopic(terms []string) bool {
	if len(c.chosen) == 0 {
		return false
	}
	have := c.engine.docTerms[c.chosen[0].doc.ID]
	for _, t := range terms {
		if c.engine.topical[t] && have[t] {
			return true
		}
	}
	return false
}

// quote adds up to n key points of the chosen documents: the best-matching ones of each
// document, in the document's own order.
func (c *composition) quote(n int) {
	n = min(n, maxSentences)
	for i, cd := range c.chosen {
		per := docSentences
		if i == 0 {
			per = topDocSentences
		}
		per = min(per, n-c.quoted)
		if per <= 0 {
			return
		}
		idx := make([]int, len(cd.doc.KeyPoints))
		for k := range idx {
			idx[k] = k
		}
		// Best-scored first; unscored key points keep document order (the first is the summary).
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case cd.scored[a] > cd.scored[b]:
				return -1
			case cd.scored[a] < cd.scored[b]:
				return 1
			}
			return 0
		})
		if i == 0 && cd.scored[0] < cd.scored[idx[0]] {
			// The best document's first key point is its summary: always quote it.
			idx = append([]int{0}, slices.DeleteFunc(idx, func(k int) bool { return k == 0 })...)
		}
		idx = idx[:min(per, len(idx))]
		slices.Sort(idx)
		for _, k := range idx {
			c.out = append(c.out, sentence{text: cd.doc.KeyPoints[k], docs: []string{cd.doc.ID}})
			c.quoted++
		}
	}
}

// say adds the sentences of a prompt message. Cited documents not servable in the answer's
// language are left out of the sentence's markers.
func (c *composition) say(name string, d prompts.Data) {
	c.out = append(c.out, c.engine.sayings.get(c.engine, c.lang.Base(), name, d)...)
}

// sayings remembers the sentences of prompt messages: rendering a template is a good part of
// an answer's CPU, and a message renders alike for the same language and data as long as the
// documents servable stay the same (its markers name only the servable documents it cites).
// So entries hold until the next document falls due for review, as the answer cache's do.
// The set of keys is small: messages, languages and the few values of Data.
type sayings struct {
	mu    sync.Mutex
	valid time.Time // entries hold until this instant
	m     map[sayingKey][]sentence
}

type sayingKey struct {
	lang               patientqa.Lang // the base language (the script is converted later)
	name               string
	region             string
	stopping, answered bool
	also               string // Data.Also, joined
}

// get returns the sentences of message name in lang for data d (whose CiteFunc it sets).
// Callers must not change the sentences in place.
func (s *sayings) get(e *Engine, lang patientqa.Lang, name string, d prompts.Data) []sentence {
	now := e.now()
	key := sayingKey{lang: lang, name: name, region: d.Region, stopping: d.Stopping, answered: d.Answered}
	for _, c := range d.Also {
		key.also += string(c) + ","
	}
	s.mu.Lock()
	if !now.Before(s.valid) {
		s.m, s.valid = map[sayingKey][]sentence{}, e.servableUntil(now)
	}
	out, ok := s.m[key]
	s.mu.Unlock()
	if ok {
		return out
	}
	d.CiteFunc = func(id string) string {
		doc := e.corpus.Doc(id)
		if doc == nil || doc.Lang != lang || !doc.Servable(now) {
			return ""
		}
		return markOpen + id + markClose
	}
	lines, err := e.prompts.Render(lang, name, d)
	if err != nil {
		return nil // a template defect is caught by the prompts tests; never break an answer for it
	}
	for _, l := range lines {
		out = append(out, splitMarkers(l))
	}
	out = slices.Clip(out)
	s.mu.Lock()
	if now.Before(s.valid) {
		s.m[key] = out
	}
	s.mu.Unlock()
	return out
}

// splitMarkers moves the cite markers out of a rendered prompt line.
func splitMarkers(line string) sentence {
	var s sentence
	var b strings.Builder
	for {
		i := strings.Index(line, markOpen)
		if i < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i])
		rest := line[i+len(markOpen):]
		j := strings.Index(rest, markClose)
		if j < 0 {
			break
		}
		if id := rest[:j]; !slices.Contains(s.docs, id) {
			s.docs = append(s.docs, id)
		}
		line = rest[j+len(markClose):]
	}
	s.text = strings.TrimSpace(b.String())
	return s
}

// finish runs the guard, numbers the citations in order of appearance, converts to
// Traditional script when needed, and returns the answer text and its citations.
func (c *composition) finish() (string, []patientqa.Citation) {
	num := map[string]int{}
	citations := []patientqa.Citation{}
	var parts []string
	for _, s := range c.out {
		if c.engine.promises(s.text) {
			c.dropped++ // the guard: never say a promissory sentence, whoever wrote it
			continue
		}
		var marks strings.Builder
		for _, id := range s.docs {
			n, ok := num[id]
			if !ok {
				n = len(citations) + 1
				num[id] = n
				citations = append(citations, c.citation(n, id))
			}
			fmt.Fprintf(&marks, "[%d]", n)
		}
		parts = append(parts, withMarkers(s.text, marks.String(), c.lang))
	}
	return c.displayAll(parts), citations
}

// display converts text to the script of the answer.
func (c *composition) display(text string) string {
	if c.lang == patientqa.ZhHant {
		return normalize.ToTraditional(text)
	}
	return text
}

// displayAll joins the sentences of an answer in its script. Answers are mostly made of the
// same sentences, so Traditional script is converted sentence by sentence, each remembered,
// wherever a sentence ends with a character no conversion phrase contains (the result is then
// the conversion of the whole text; see normalize.EndsConversion).
func (c *composition) displayAll(parts []string) string {
	if c.lang != patientqa.ZhHant {
		return strings.Join(parts, sep(c.lang))
	}
	var b strings.Builder
	start := 0
	for i, p := range parts {
		last, _ := utf8.DecodeLastRuneInString(p)
		if i == len(parts)-1 || normalize.EndsConversion(last) {
			b.WriteString(c.engine.toTraditional(strings.Join(parts[start:i+1], "")))
			start = i + 1
		}
	}
	return b.String()
}

var citeMarkerRe = regexp.MustCompile(`\s?\[\d{1,3}\]`)

// markersOf renders citation numbers as "[1][2]".
func markersOf(ns []int) string {
	var b strings.Builder
	for _, n := range ns {
		fmt.Fprintf(&b, "[%d]", n)
	}
	return b.String()
}

func (c *composition) citation(n int, id string) patientqa.Citation {
	d := c.engine.corpus.Doc(id)
	title := d.Title
	if c.lang == patientqa.ZhHant {
		title = c.engine.toTraditional(title)
	}
	return patientqa.Citation{N: n, ID: d.ID, Title: title, Publisher: d.Publisher, Published: d.Published,
		URL: d.Source.Link(), SourceTitle: d.Source.Title}
}

// withMarkers puts citation markers before a sentence's final punctuation: "…治疗[1]。",
// "… treatment [1]."
func withMarkers(text, marks string, lang patientqa.Lang) string {
	if marks == "" {
		return text
	}
	last, size := utf8.DecodeLastRuneInString(text)
	end := ""
	if strings.ContainsRune("。.！？!?", last) {
		text, end = text[:len(text)-size], string(last)
	}
	if lang.Base() == patientqa.LangEn {
		return text + " " + marks + end
	}
	return text + marks + end
}
