package triage

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// The red-flag taxonomy (redflags.yaml) is data an editor can read and extend: body systems of
// signs, in Chinese and English, with a level each, and the context cues that decide whether a
// sign counts. This file compiles it and applies it.

//go:embed redflags.yaml
var redflagsYAML []byte

// Levels of a red-flag system.
const (
	levelEmergency = "emergency"
	levelSystemic  = "systemic"
	levelLocal     = "local"
	levelUrgent    = "urgent"
	levelNow       = "now"
	levelAssoc     = "associated"
)

type cueKind int

const (
	cueNow cueKind = iota
	cueResolved
	cuePast
	cueHypothetical
	cueReport
	cueNegation
	cueAfter
	cueSofter
	cueIdiom
	cueOnset
	cueConditional
	numCues
)

var cueNames = map[string]cueKind{"now": cueNow, "resolved": cueResolved, "past": cuePast,
	"hypothetical": cueHypothetical, "report": cueReport, "negation": cueNegation, "after": cueAfter,
	"softer": cueSofter, "idiom": cueIdiom, "onset": cueOnset, "conditional": cueConditional}

type langSigns struct {
	Zh []string `yaml:"zh"`
	En []string `yaml:"en"`
}

type taxonomyFile struct {
	Cues    map[string]langSigns `yaml:"cues"`
	Systems []struct {
		ID        string     `yaml:"id"`
		Level     string     `yaml:"level"`
		Chronic   *langSigns `yaml:"chronic"`
		Requires  *langSigns `yaml:"requires"`
		langSigns `yaml:",inline"`
	} `yaml:"systems"`
	Crisis langSigns `yaml:"crisis"`
}

// system is one compiled body system (or the crisis signs).
type system struct {
	id, level string
	signs     patterns
	chronic   *patterns // conditions whose known deficits look like this system's signs
	requires  *patterns // terms that must also be in the message or its conversation
}

type taxonomy struct {
	cues    [numCues]patterns
	systems []system
	crisis  system
}

// The compiled taxonomy. Its patterns join `all`, so the prefilter skips the ones whose
// literals a message lacks.
var redflags = must(parseTaxonomy(redflagsYAML))

// must returns v, or panics: the embedded data files are checked by the tests, so an error
// here is a build that must not start.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func parseTaxonomy(b []byte) (*taxonomy, error) {
	var f taxonomyFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("redflags.yaml: %w", err)
	}
	t := &taxonomy{}
	for name, ls := range f.Cues {
		k, ok := cueNames[name]
		if !ok {
			return nil, fmt.Errorf("redflags.yaml: unknown cue %q", name)
		}
		ps, err := compileSigns(ls, cueMode)
		if err != nil {
			return nil, fmt.Errorf("redflags.yaml: cue %s: %w", name, err)
		}
		t.cues[k] = ps
	}
	for _, s := range f.Systems {
		switch s.Level {
		case levelEmergency, levelSystemic, levelLocal, levelUrgent, levelNow, levelAssoc:
		default:
			return nil, fmt.Errorf("redflags.yaml: system %s: unknown level %q", s.ID, s.Level)
		}
		ps, err := compileSigns(s.langSigns, signMode)
		if err != nil {
			return nil, fmt.Errorf("redflags.yaml: system %s: %w", s.ID, err)
		}
		sys := system{id: s.ID, level: s.Level, signs: ps}
		if s.Chronic != nil {
			cs, err := compileSigns(*s.Chronic, termMode)
			if err != nil {
				return nil, fmt.Errorf("redflags.yaml: system %s chronic: %w", s.ID, err)
			}
			sys.chronic = &cs
		}
		if s.Requires != nil {
			rs, err := compileSigns(*s.Requires, termMode)
			if err != nil {
				return nil, fmt.Errorf("redflags.yaml: system %s requires: %w", s.ID, err)
			}
			sys.requires = &rs
		}
		t.systems = append(t.systems, sys)
	}
	ps, err := compileSigns(f.Crisis, signMode)
	if err != nil {
		return nil, fmt.Errorf("redflags.yaml: crisis: %w", err)
	}
	t.crisis = system{id: "crisis", level: levelEmergency, signs: ps}
	return t, nil
}

// Gaps between the parts of a sign are the only capturing groups of its pattern, so that a
// negation inside one ("胸口不痛", "chest is fine, no pain") can be seen. In Chinese a sign
// stays within its clause: a body part and what it feels are not split by a comma.
const (
	zhGap = `([^。！？!?；;\n,，、]{0,12}?)`
	enGap = `([^.!?;\n|]{0,50}?)`
)

var gapNegation = regexp.MustCompile(`没|不|无|未|冇|唔|别|\b(?:no|not|never|without|nor)\b|n't`)

// How an entry of redflags.yaml or facets.yaml is compiled.
type compileMode int

const (
	signMode compileMode = iota // parts chained with + or ~; English words take any ending
	termMode                    // a plain alternation; English words take any ending
	cueMode                     // a plain alternation of whole English words ("no" is not "now")
)

// compileSigns turns the notation of redflags.yaml and facets.yaml into patterns.
func compileSigns(ls langSigns, mode compileMode) (patterns, error) {
	var ps patterns
	lit := newWordSet(mode)
	for _, lang := range []struct {
		entries []string
		en      bool
	}{{ls.Zh, false}, {ls.En, true}} {
		for _, e := range lang.entries {
			if e = lit.take(e, lang.en); e == "" {
				continue
			}
			rs, err := signRegexp(e, lang.en, mode)
			if err != nil {
				return patterns{}, err
			}
			for _, r := range rs {
				if _, err := regexp.Compile(r); err != nil {
					return patterns{}, err
				}
				// A Chinese entry runs on the folded text even when what is left of it is
				// digits ("37\.\d"); an English one on the ASCII projection.
				ps.add(r, !lang.en)
			}
		}
	}
	if !lit.empty() {
		ps.lit = lit
	}
	return ps, nil
}

func signRegexp(s string, en bool, mode compileMode) ([]string, error) {
	part := func(p string) string {
		p = strings.TrimSpace(p)
		switch {
		case en && mode == cueMode:
			return `\b(?:` + p + `)\b`
		case en:
			return `\b(?:` + p + `)[a-z']*`
		}
		return `(?:` + p + `)`
	}
	gap := zhGap
	if en {
		gap = enGap
	}
	if mode != signMode {
		return []string{part(s)}, nil
	}
	if a, b, ok := strings.Cut(s, " ~ "); ok { // either order; b may itself chain with +
		return []string{part(a) + gap + chain(b, part, gap), chain(b, part, gap) + gap + part(a)}, nil
	}
	return []string{chain(s, part, gap)}, nil
}

// wideGap joins the parts of an `A ++ B` sign: the same sentence, across commas.
const (
	zhWideGap = `([^。！？!?；;\n]{0,24}?)`
	enWideGap = `([^.!?;\n|]{0,80}?)`
)

func chain(s string, part func(string) string, gap string) string {
	if a, b, ok := strings.Cut(s, " ++ "); ok {
		wide := zhWideGap
		if gap == enGap {
			wide = enWideGap
		}
		return chain(a, part, gap) + wide + chain(b, part, gap)
	}
	ps := strings.Split(s, " + ")
	for i := range ps {
		ps[i] = part(ps[i])
	}
	return strings.Join(ps, gap)
}

// Urgency is the disposition of a message (see patientqa.Urgency*).
type Urgency = string

// span is a match in the folded text, in bytes; negated when a gap between its parts holds a
// negation.
type span struct {
	start, end int
	negated    bool
}

// scan finds every match of ps in t, as spans of the folded text.
func (t text) scan(ps patterns) []span {
	var out []span
	find := func(p *pattern, s string, at func(int) int) {
		for _, m := range p.re.FindAllStringSubmatchIndex(s, -1) {
			sp := span{start: at(m[0]), end: at(m[1])}
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 && gapNegation.MatchString(s[m[g]:m[g+1]]) {
					sp.negated = true
				}
			}
			out = append(out, sp)
		}
	}
	if ps.lit != nil {
		out = ps.lit.scan(t, out)
	}
	for _, p := range ps.zh {
		if t.may[p.id] {
			find(p, t.folded, func(i int) int { return i })
		}
	}
	if t.hasLatin {
		for _, p := range ps.en {
			if t.may[p.id] {
				find(p, t.ascii, func(i int) int { return t.offsets[i] })
			}
		}
	}
	return out
}

// context is what the cues say about a message.
type context struct {
	t        text
	cues     [numCues][]span
	idioms   []span
	breaks   []int // byte offsets of sentence ends
	after    bool  // an injection, infusion or procedure is mentioned
	resolved bool
}

func newContext(t text) *context {
	c := &context{t: t}
	for k := range numCues {
		c.cues[k] = t.scan(redflags.cues[k])
	}
	c.idioms = c.cues[cueIdiom]
	// A "now" inside a resolved cue ("现在好多了", "now fine") is not a now.
	c.cues[cueNow] = slices.DeleteFunc(c.cues[cueNow], func(n span) bool {
		return slices.ContainsFunc(c.cues[cueResolved], func(r span) bool { return overlaps(n, r) })
	})
	c.after = len(c.cues[cueAfter]) > 0
	for i, r := range t.folded {
		switch r {
		case '。', '！', '？', '!', '?', '；', ';', '\n':
			c.breaks = append(c.breaks, i)
		case '.':
			if i+1 < len(t.folded) && t.folded[i+1] == ' ' {
				c.breaks = append(c.breaks, i)
			}
		}
	}
	return c
}

func overlaps(a, b span) bool { return a.start < b.end && b.start < a.end }

// sentence returns the bounds of the sentence holding offset i.
func (c *context) sentence(i int) (int, int) {
	start, end := 0, len(c.t.folded)
	for _, b := range c.breaks {
		if b < i {
			start = b
		} else {
			end = b
			break
		}
	}
	return start, end
}

// inIdiom reports whether a sign lies inside an idiom ("笑死", "this price is killing me").
func (c *context) inIdiom(s span) bool {
	return slices.ContainsFunc(c.idioms, func(i span) bool { return overlaps(s, i) })
}

// negated reports whether a negation ends just before the sign: within two characters, with
// no space, punctuation or person between ("没有胸痛", "并没有出现抽搐", "no chest pain"; but
// not "一点用都没有我不想活了").
func (c *context) negated(s span) bool {
	for _, n := range c.cues[cueNegation] {
		if n.end > s.start || s.start-n.end > 24 || c.inIdiom(n) || c.spaceIn(n.end, s.start) { // 24 bytes: a few words
			continue
		}
		between := c.t.folded[n.end:s.start]
		if utf8.RuneCountInString(between) <= 2 && !strings.ContainsAny(between, " ,.;:!?，。；：！？、\n我你他她佢它") {
			return true
		}
		// English: "no chest pain", "no lip or tongue swelling", "not having any seizures"
		if between != "" && between[0] == ' ' && len(strings.Fields(between)) <= 3 && !strings.ContainsAny(between, ",.;:!?") {
			return true
		}
	}
	return false
}

// nearest returns the kind of the cue nearest to the sign in its sentence among kinds, and
// whether there is one. A resolution later in the message counts wherever it is.
func (c *context) nearest(s span, kinds ...cueKind) (cueKind, bool) {
	from, to := c.sentence(s.start)
	best, bestKind, found := 0, cueKind(0), false
	for _, k := range kinds {
		for _, q := range c.cues[k] {
			if q.end <= from || q.start >= to || overlaps(q, s) {
				continue
			}
			lo, hi := min(q.end, s.end), max(q.start, s.start)
			if hi-lo > maxCueDistance*utf8.UTFMax {
				continue // far in bytes, so far in characters
			}
			between := c.t.folded[lo:hi]
			d := utf8.RuneCountInString(between)
			if d > maxCueDistance {
				continue // too far to speak of this sign
			}
			if q.start >= s.end && k != cueNow && (strings.ContainsAny(between, ",，、") || c.spaceIn(s.end, q.start)) {
				continue // a cue after the sign speaks of it only within its clause ("…不能动了，跟上次一样")
			}
			if !found || d < best {
				best, bestKind, found = d, k, true
			}
		}
	}
	return bestKind, found
}

// maxCueDistance is how far (in characters) a cue may stand from a sign and still speak of it:
// a "几年前" at the start of a long story does not put a symptom at its end in the past.
const maxCueDistance = 70

// counts reports (for a crisis or urgent sign when crisisLike) whether a sign describes something happening now to the person or someone
// with them: not negated, not inside an idiom, and not put in the past, resolved, made
// hypothetical or reported by the cue nearest to it.
func (c *context) counts(s span, crisis bool) bool {
	if s.negated && !crisis || c.inIdiom(s) || !crisis && c.negated(s) {
		return false // crisis signs carry their own negations (不想活, 不再拖累); denials are idioms
	}
	for _, r := range c.cues[cueResolved] {
		if r.start >= s.end && !c.nowBetween(s.end, r.start) {
			return false // it happened, and then it was over
		}
	}
	if !crisis && c.conditionalQuestion(s) {
		return false // "如果打完回家突然发烧到39度，要回诊所还是掛急診？"
	}
	kinds := []cueKind{cueNow, cuePast, cueHypothetical, cueReport}
	if crisis {
		kinds = []cueKind{cueNow, cueReport} // "如果治不好我就不想活了" is a crisis
	}
	k, ok := c.nearest(s, kinds...)
	return !ok || k == cueNow
}

// spaceIn reports whether a space between Chinese characters stood in [from, to] of the text.
func (c *context) spaceIn(from, to int) bool {
	return slices.ContainsFunc(c.t.spaces, func(i int) bool { return from <= i && i <= to })
}

// conditionalQuestion reports whether the sign is inside a conditional ("如果", "what if")
// that opens its sentence before it, in a sentence that asks a question: the sign is what might
// happen, however vividly ("突然") it is put.
func (c *context) conditionalQuestion(s span) bool {
	from, to := c.sentence(s.start)
	cond := slices.ContainsFunc(c.cues[cueConditional], func(q span) bool { return q.start >= from && q.end <= s.start })
	if !cond {
		return false
	}
	rest := c.t.folded[s.end:min(to+utf8.UTFMax, len(c.t.folded))]
	return strings.ContainsAny(rest, "?？") || strings.Contains(rest, "吗") || strings.Contains(rest, "怎么办") ||
		strings.Contains(rest, "还是") || strings.Contains(rest, "要不要") || strings.Contains(rest, "should")
}

// inSentence reports whether a cue of kind k is in the sentence of the sign.
func (c *context) inSentence(s span, k cueKind) bool {
	from, to := c.sentence(s.start)
	return slices.ContainsFunc(c.cues[k], func(q span) bool { return q.start >= from && q.end <= to })
}

func (c *context) nowBetween(from, to int) bool {
	return slices.ContainsFunc(c.cues[cueNow], func(n span) bool { return n.start >= from && n.end <= to })
}

// softened reports whether a softer cue ("有点", "a bit") stands just before the sign.
func (c *context) softened(s span) bool {
	for _, q := range c.cues[cueSofter] {
		if q.end < s.start-32 || q.start > s.end+32 {
			continue
		}
		if overlaps(q, s) || q.end <= s.start && utf8.RuneCountInString(c.t.folded[q.end:s.start]) <= 4 ||
			q.start >= s.end && utf8.RuneCountInString(c.t.folded[s.end:q.start]) <= 6 {
			return true
		}
	}
	return false
}

// Assessment is the urgency of a message and what decided it.
type Assessment struct {
	Urgency string   // patientqa.Urgency*
	Systems []string // the red-flag systems that counted, in taxonomy order
	// Signs reports that the message has a sign of a body system that can make an emergency,
	// whether or not its context let it count: the second net may call such a message an
	// emergency, and no other.
	Signs bool
}

// assess applies the taxonomy to a message; ctx holds the conversation's earlier questions,
// folded, where a system's required terms may also be found.
func assess(t text, ctx []text) Assessment {
	c := newContext(t)
	var a Assessment
	for _, s := range t.scan(redflags.crisis.signs) {
		if c.counts(s, true) {
			return Assessment{Urgency: patientqa.UrgencyCrisis, Systems: []string{"crisis"}}
		}
	}
	emergency, urgent := false, false
	systemic := map[string]bool{}   // systemic systems present, with no injection mentioned
	associated := map[string]bool{} // associated systems present
	for _, sys := range redflags.systems {
		hit := false
		chronic := sys.chronic != nil && len(t.scan(*sys.chronic)) > 0
		if sys.requires != nil && !mentions(*sys.requires, t, ctx) {
			continue
		}
		for _, s := range t.scan(sys.signs) {
			switch sys.level {
			case levelEmergency, levelSystemic, levelAssoc, levelNow:
				a.Signs = true
			}
			// An urgent sign (stopping insulin) counts even in a "what if" question, like crisis.
			if !c.counts(s, sys.level == levelUrgent) || chronic && !c.inSentence(s, cueOnset) {
				continue
			}
			switch sys.level {
			case levelEmergency:
				hit, emergency = true, true
			case levelSystemic:
				switch {
				case c.after && !c.softened(s):
					hit, emergency = true, true
				case c.after:
					hit, urgent = true, true
				case !c.softened(s):
					systemic[sys.id] = true // with another system, now: an emergency (below)
				}
			case levelAssoc:
				if !c.softened(s) {
					associated[sys.id] = true
				}
			case levelLocal:
				if c.after {
					hit, urgent = true, true
				}
			case levelUrgent:
				hit, urgent = true, true
			case levelNow:
				if k, ok := c.nearest(s, cueOnset, cuePast, cueHypothetical, cueReport); ok && k == cueOnset {
					hit, emergency = true, true
				}
			}
		}
		if hit {
			a.Systems = append(a.Systems, sys.id)
		}
	}
	// Signs of two systems at once (confused and sweating; fever and drowsy; jaw pain and
	// palpitations), not put in the past or in a question, are an emergency; an associated sign
	// never counts alone.
	if (len(systemic) >= 1 || emergency) && len(systemic)+len(associated) >= 2 {
		emergency = true
		for _, sys := range redflags.systems {
			if (systemic[sys.id] || associated[sys.id]) && !slices.Contains(a.Systems, sys.id) {
				a.Systems = append(a.Systems, sys.id)
			}
		}
	}
	switch {
	case emergency:
		a.Urgency = patientqa.UrgencyEmergency
	case urgent:
		a.Urgency = patientqa.UrgencyUrgent
	default:
		a.Urgency = patientqa.UrgencyNone
	}
	return a
}

// mentions reports whether ps match the message or one of its earlier questions.
func mentions(ps patterns, t text, ctx []text) bool {
	if len(t.scan(ps)) > 0 {
		return true
	}
	return slices.ContainsFunc(ctx, func(h text) bool { return len(h.scan(ps)) > 0 })
}
