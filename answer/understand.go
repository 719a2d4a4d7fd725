package answer

import (
	"slices"
	"strings"

	"patientqa"
	"patientqa/corpus"
	"patientqa/normalize"
	"patientqa/retrieval"
	"patientqa/triage"
)

// understanding is what the engine makes of a question before it selects anything: how
// urgent it is, whether it is about what the service covers, where and what it is about.
type understanding struct {
	query      patientqa.Query
	category   patientqa.Category   // what leads (triage); answer/uncovered/offtopic are decided later
	also       []patientqa.Category // further categories that apply
	urgency    string               // patientqa.Urgency*
	stopping   bool                 // the asker stops or plans to stop a prescribed treatment
	region     string               // patientqa.Region*, or ""
	conditions []string             // vocabulary conditions, sorted
	// inScope: the question, or an earlier one of the conversation, names stem-cell or cell
	// therapy. conditionOnly: it names no such thing but a condition the corpus covers, and no
	// other treatment or subject; it is answered when documents on that condition fit.
	inScope, conditionOnly bool
	// other: without naming stem-cell therapy, it names another treatment, test or subject, or
	// a condition no document covers; it is answered as outside the service's scope.
	other bool
}

// understand reads a folded question and the conversation's earlier questions. What the
// question leaves out (region, conditions, that it is about stem cells) comes from the latest
// earlier question that says it; urgency and category come from the question alone.
//
// Triage also learns where spaces stood between Chinese characters (normalize.FoldSpaces); the
// query is made from the folded question, or from the honest part of an injection attempt.
func (e *Engine) understand(raw, folded string, lang patientqa.Lang, history []string) understanding {
	folded = e.speller.Correct(folded)
	hist := make([]string, len(history))
	for i, h := range history {
		hist[i] = e.speller.Correct(normalize.Fold(h))
	}
	spaced, spaces := normalize.FoldSpaces(raw)
	if e.speller.Correct(spaced) != spaced { // a correction may have moved the offsets
		spaces = nil
	}
	tri := triage.ClassifySpaced(folded, spaces, hist...)
	underlying := folded
	if tri.Category == patientqa.CatInjection {
		underlying = tri.Underlying
	}
	u := understanding{query: e.query(underlying, lang), category: tri.Category, also: tri.Also,
		urgency: tri.Urgency, stopping: slices.Contains(tri.Systems, "stopping-treatment"),
		region: tri.Facets.Region}
	u.conditions = e.conditionsOf(u.query.Tokens)
	u.inScope = tri.Facets.InScope || e.names(u.query.Tokens, e.scope)
	other := !u.inScope && (tri.Facets.Other || e.names(u.query.Tokens, e.elsewhere))
	unmarked := !u.inScope && !other && len(u.conditions) == 0
	for i := len(hist) - 1; i >= 0 && (u.region == "" || len(u.conditions) == 0 || !u.inScope); i-- {
		h := hist[i]
		f := triage.Facet(h)
		_, terms := e.analyzer.Analyze(h)
		if u.region == "" {
			u.region = f.Region
		}
		if len(u.conditions) == 0 {
			u.conditions = e.conditionsOf(terms)
		} else if i == len(hist)-1 && adds(folded) { // "她最近也开始掉头发", "he also has diabetes"
			u.conditions = e.conditionsOf(append(slices.Clone(u.query.Tokens), terms...))
		}
		if !u.inScope {
			// A follow-up is about what the conversation was about: one that names nothing
			// ("多少钱啊") or another subject ("听说要先化疗") stays with stem cells when the
			// conversation was about them, and with another subject when it was about that.
			if f.InScope || e.names(terms, e.scope) {
				u.inScope, other = true, false
			} else if unmarked {
				other = f.Other || e.names(terms, e.elsewhere)
			}
		}
	}
	u.conditionOnly = !u.inScope && !other && len(u.conditions) > 0
	u.other = !u.inScope && other
	return u
}

// adds reports whether a follow-up adds to what the conversation was about, rather than
// changing it.
func adds(folded string) bool {
	for _, w := range []string{"还有", "也有", "也开始", "又有", "同时", "两个一起", "一起", "also", "too", "as well", "both"} {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

// conditionsOf returns the vocabulary conditions among concept terms, sorted.
func (e *Engine) conditionsOf(terms []string) []string {
	var out []string
	for _, t := range terms {
		if c, ok := e.conditionOf[t]; ok && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	narrowed := func(c string) bool {
		return slices.ContainsFunc(out, func(o string) bool { return slices.Contains(e.narrows[o], c) })
	}
	out = slices.DeleteFunc(out, narrowed)
	slices.Sort(out)
	return out
}

// names reports whether any of the terms is in set.
func (e *Engine) names(terms []string, set map[string]bool) bool {
	return slices.ContainsFunc(terms, func(t string) bool { return set[t] })
}

// elsewhereTerms returns the concept terms of conditions and outside subjects that no document
// of the index is about: a question naming one (and not stem cells) is outside the service.
func (e *Engine) elsewhereTerms() map[string]bool {
	out := map[string]bool{}
	for t := range e.gate {
		if _, ok := e.conditionOf[t]; ok {
			continue
		}
		covered := false
		for _, terms := range e.docTerms {
			if terms[t] {
				covered = true
				break
			}
		}
		if !covered {
			out[t] = true
		}
	}
	return out
}

// vocabularyConditions maps the concept terms of condition concepts to the vocabulary
// conditions they stand for, and each such condition to the broader ones it narrows.
func vocabularyConditions(c *corpus.Corpus) (map[string]string, map[string][]string) {
	out, narrows := map[string]string{}, map[string][]string{}
	for _, k := range c.Concepts {
		if k.Kind != corpus.ConceptCondition {
			continue
		}
		id := k.ID
		if k.Condition != "" {
			id = k.Condition
		}
		if _, ok := c.Vocabulary.Conditions[id]; ok {
			out[retrieval.ConceptPrefix+k.ID] = id
			narrows[id] = append(narrows[id], k.Narrows...)
		}
	}
	return out, narrows
}
