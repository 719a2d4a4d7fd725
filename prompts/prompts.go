// Package prompts holds every sentence the bot says on its own — the disclaimer, the refusals,
// the emergency instruction, the referral, the guidance for provider, personal and guarantee
// questions — in Chinese and English, as embedded text/template files (zh/*.tmpl, en/*.tmpl).
//
// Each template renders one sentence per line. A sentence that states a fact cites the corpus
// document it rests on with {{.Cite "doc-id"}}, which renders as the [n] marker of that
// document's citation; these messages therefore go through the same guard and citation rules as
// every answer. Chinese templates are written in Simplified characters; answers for Traditional
// readers are converted after rendering.
package prompts

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"patientqa"
)

//go:embed zh/*.tmpl en/*.tmpl
var files embed.FS

// Names of the messages; each exists in every language.
const (
	Disclaimer = "disclaimer"
	Emergency  = "emergency"
	Crisis     = "crisis"
	Urgent     = "urgent"
	Personal   = "personal"
	Provider   = "provider"
	Guarantee  = "guarantee"
	Injection  = "injection"
	Uncovered  = "uncovered"
	OffTopic   = "offtopic"
	Referral   = "referral"
	Also       = "also"
)

// Names lists every message.
var Names = []string{Disclaimer, Emergency, Crisis, Urgent, Personal, Provider, Guarantee, Injection, Uncovered, OffTopic, Referral, Also}

// Set is the parsed templates. It is immutable and safe for concurrent use.
type Set struct {
	byLang map[patientqa.Lang]*template.Template
}

// Load parses the embedded templates and checks that every message exists in every language.
func Load() (*Set, error) {
	s := &Set{byLang: map[patientqa.Lang]*template.Template{}}
	for _, lang := range []patientqa.Lang{patientqa.LangZh, patientqa.LangEn} {
		t, err := template.New(string(lang)).Option("missingkey=error").ParseFS(files, string(lang)+"/*.tmpl")
		if err != nil {
			return nil, fmt.Errorf("prompts: %w", err)
		}
		for _, n := range Names {
			if t.Lookup(n+".tmpl") == nil {
				return nil, fmt.Errorf("prompts: %s/%s.tmpl is missing", lang, n)
			}
		}
		s.byLang[lang] = t
	}
	return s, nil
}

// Data is what a template sees.
type Data struct {
	// CiteFunc returns the citation marker ("[2]") for a corpus document, or "" when the
	// document is not available (the sentence is then said without a marker).
	CiteFunc func(docID string) string
	Region   string               // emergency, crisis: the asker's region (patientqa.Region*), or ""
	Stopping bool                 // urgent: the asker stops, or plans to stop, a prescribed treatment
	Answered bool                 // injection: render the lead-in to the answer of the underlying question
	Also     []patientqa.Category // also: the other categories that apply
}

// Cite is what templates call: {{.Cite "doc-id"}}.
func (d Data) Cite(docID string) string {
	if d.CiteFunc == nil {
		return ""
	}
	return d.CiteFunc(docID)
}

// Has reports whether category c is among d.Also.
func (d Data) Has(c string) bool { return slices.Contains(d.Also, patientqa.Category(c)) }

// Render returns the sentences of message name in lang (zh or en), one per template line.
func (s *Set) Render(lang patientqa.Lang, name string, d Data) ([]string, error) {
	t := s.byLang[lang.Base()]
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name+".tmpl", d); err != nil {
		return nil, fmt.Errorf("prompts: %s/%s: %w", lang.Base(), name, err)
	}
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

// LLMPassage is one numbered passage given to a language model.
type LLMPassage struct {
	N           int
	Title, Text string
}

// LLMData is what the model prompt templates see.
type LLMData struct {
	Question string
	Passages []LLMPassage
}

// RenderLLM returns the system and user prompts for a language model in lang. Passages and the
// question are put between triple quotes as data; quotes inside them are neutralised so that
// text cannot close the quotation and pose as instructions.
func (s *Set) RenderLLM(lang patientqa.Lang, d LLMData) (system, user string, err error) {
	t := s.byLang[lang.Base()]
	var sb, ub strings.Builder
	if err := t.ExecuteTemplate(&sb, "llm_system.tmpl", d); err != nil {
		return "", "", fmt.Errorf("prompts: %w", err)
	}
	d.Question = unquote(d.Question)
	for i := range d.Passages {
		d.Passages[i].Text = unquote(d.Passages[i].Text)
		d.Passages[i].Title = unquote(d.Passages[i].Title)
	}
	if err := t.ExecuteTemplate(&ub, "llm_user.tmpl", d); err != nil {
		return "", "", fmt.Errorf("prompts: %w", err)
	}
	return strings.TrimSpace(sb.String()), strings.TrimSpace(ub.String()), nil
}

// JudgeData is what a judging model gets: the passages a sentence cites and the sentence.
type JudgeData struct {
	Passages []LLMPassage
	Sentence string
}

// RenderJudge returns the system and user prompts that ask a model whether the passages
// support the sentence, in lang. Like RenderLLM, it quotes passages and sentence as data.
func (s *Set) RenderJudge(lang patientqa.Lang, d JudgeData) (system, user string, err error) {
	t := s.byLang[lang.Base()]
	var sb, ub strings.Builder
	if err := t.ExecuteTemplate(&sb, "judge_system.tmpl", d); err != nil {
		return "", "", fmt.Errorf("prompts: %w", err)
	}
	d.Sentence = unquote(d.Sentence)
	for i := range d.Passages {
		d.Passages[i].Text = unquote(d.Passages[i].Text)
	}
	if err := t.ExecuteTemplate(&ub, "judge_user.tmpl", d); err != nil {
		return "", "", fmt.Errorf("prompts: %w", err)
	}
	return strings.TrimSpace(sb.String()), strings.TrimSpace(ub.String()), nil
}

var quoteRun = strings.NewReplacer(`"""`, `"`, "\r", " ")

func unquote(s string) string { return quoteRun.Replace(s) }

// Variants returns every Data that changes what a message says (with no CiteFunc): each
// region, each flag alone and all together. Tests and eval render them all to know every
// sentence the bot may say on its own.
func Variants() []Data {
	all := []patientqa.Category{patientqa.CatProvider, patientqa.CatPersonal, patientqa.CatGuarantee}
	out := []Data{{}, {Answered: true}, {Stopping: true}, {Answered: true, Stopping: true, Also: all}}
	for _, r := range []string{patientqa.RegionMainland, patientqa.RegionHK, patientqa.RegionMacau,
		patientqa.RegionTaiwan, patientqa.RegionUS, patientqa.RegionOther} {
		out = append(out, Data{Region: r})
	}
	return out
}

// Cited returns the document ids every template of lang may cite, for tests and lint.
func (s *Set) Cited(lang patientqa.Lang) ([]string, error) {
	var ids []string
	cite := func(id string) string {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		return "[1]"
	}
	for _, n := range Names {
		for _, d := range Variants() {
			d.CiteFunc = cite
			if _, err := s.Render(lang, n, d); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(ids)
	return ids, nil
}
