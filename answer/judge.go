package answer

import (
	"context"
	"strings"
	"time"
	"unicode"

	"patientqa"
	"patientqa/prompts"
)

// FallbackJudgeError is the reason an answer falls back when the judging model cannot be
// asked: without its verdict no sentence is kept.
const FallbackJudgeError = "judge_error"

// Judge asks a language model whether the passages a sentence cites support it: a second,
// semantic check after the lexical verifier, which fails closed.
type Judge struct {
	model   patientqa.Model
	prompts *prompts.Set
	timeout time.Duration
}

// NewJudge returns a judge asking model, each question within timeout (default 15s).
func NewJudge(model patientqa.Model, p *prompts.Set, timeout time.Duration) *Judge {
	if timeout <= 0 {
		timeout = defaultModelTimeout
	}
	return &Judge{model: model, prompts: p, timeout: timeout}
}

// Supported reports whether the model calls the sentence supported by the passages it cites
// (given by their [n]). Only a reply that starts with SUPPORTED counts: any other reply, an
// empty one included, is a no.
func (j *Judge) Supported(ctx context.Context, lang patientqa.Lang, given map[int]string, cited []int, sentence string) (bool, error) {
	d := prompts.JudgeData{Sentence: strings.TrimSpace(sentence)}
	for _, n := range cited {
		d.Passages = append(d.Passages, prompts.LLMPassage{N: n, Text: given[n]})
	}
	system, user, err := j.prompts.RenderJudge(lang, d)
	if err != nil {
		return false, err
	}
	jctx, cancel := context.WithTimeout(ctx, j.timeout)
	defer cancel()
	out, err := j.model.Generate(jctx, system, user, nil)
	if err != nil {
		return false, err
	}
	return Verdict(out), nil
}

// Verdict reads a judging model's reply: true only when its first word is SUPPORTED (in any
// case, after any punctuation).
func Verdict(reply string) bool {
	w := strings.FieldsFunc(reply, func(r rune) bool { return !unicode.IsLetter(r) })
	return len(w) > 0 && strings.EqualFold(w[0], "supported")
}
