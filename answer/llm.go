package answer

import (
	"context"
	"errors"
	"strings"
	"time"

	"patientqa"
	"patientqa/normalize"
	"patientqa/prompts"
	"patientqa/verify"
)

// Reasons an answer falls back from the model to the extractive composer.
const (
	FallbackModelError = "model_error"
	FallbackTimeout    = "timeout"
	FallbackEmpty      = "empty"
	FallbackTooFew     = "too_few_supported"
	FallbackPromise    = "promise"
)

const (
	defaultModelTimeout = 15 * time.Second
	maxPassageRunes     = 1500 // of one document given to the model
)

// composeLLM lets the model write the answer from the chosen documents, keeping only sentences
// the verifier supports. Kept sentences go to emit as they are verified (provisional: the final
// answer may still fall back). It returns "" on success, or the reason to fall back, in which
// case it has added nothing to the composition.
func (c *composition) composeLLM(ctx context.Context, q patientqa.Question, emit func(string)) string {
	e := c.engine
	data := prompts.LLMData{Question: q.Text}
	given := map[int]string{}
	for i, cd := range c.chosen {
		// Key points, then paragraphs, whole lines only, up to maxPassageRunes.
		var lines []string
		size := 0
		for _, l := range append(append([]string{}, cd.doc.KeyPoints...), cd.doc.Body...) {
			if size += len([]rune(l)); size > maxPassageRunes && len(lines) > 0 {
				break
			}
			lines = append(lines, l)
		}
		text := strings.Join(lines, "\n")
		data.Passages = append(data.Passages, prompts.LLMPassage{N: i + 1, Title: cd.doc.Title, Text: text})
		given[i+1] = cd.doc.Title + "\n" + text
	}
	system, user, err := e.prompts.RenderLLM(c.lang, data)
	if err != nil {
		return FallbackModelError
	}
	timeout := e.modelTimeout
	if timeout <= 0 {
		timeout = defaultModelTimeout
	}
	mctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var kept []sentence
	total, promised, judgeFailed := 0, false, false
	passages := verify.Prepare(given).WithLevel(e.verifyLevel)
	check := func(s string) {
		total++
		r := passages.Sentence(s)
		if !r.OK {
			if r.Reason == "promises an outcome" {
				promised = true
			}
			return
		}
		if e.judge != nil && !judgeFailed {
			ok, err := e.judge.Supported(ctx, c.lang, given, r.Cited, r.Sentence)
			if err != nil {
				judgeFailed = true
			}
			if !ok {
				return
			}
		} else if judgeFailed {
			return
		}
		out := sentence{text: terminated(strings.TrimSpace(citeMarkerRe.ReplaceAllString(s, "")), c.lang)}
		for _, n := range r.Cited {
			out.docs = append(out.docs, c.chosen[n-1].doc.ID)
		}
		kept = append(kept, out)
		if emit != nil {
			emit(c.display(withMarkers(out.text, markersOf(r.Cited), c.lang)))
		}
	}
	// Sentences stream in: a sentence is checked once the next one has begun, so that citation
	// markers written after its full stop still belong to it.
	var buf strings.Builder
	done := 0
	onChunk := func(chunk string) error {
		buf.WriteString(chunk)
		parts := normalize.Sentences(buf.String())
		for ; done < len(parts)-1; done++ {
			check(parts[done])
		}
		return nil
	}
	text, err := e.model.Generate(mctx, system, user, onChunk)
	if err != nil {
		if errors.Is(mctx.Err(), context.DeadlineExceeded) {
			return FallbackTimeout
		}
		return FallbackModelError
	}
	if buf.Len() == 0 { // a model that did not stream
		buf.WriteString(text)
	}
	parts := normalize.Sentences(buf.String())
	for ; done < len(parts); done++ {
		check(parts[done])
	}
	switch {
	case promised:
		return FallbackPromise
	case judgeFailed:
		return FallbackJudgeError
	case total == 0:
		return FallbackEmpty
	case len(kept) < min(2, total) || 2*len(kept) < total:
		return FallbackTooFew
	}
	c.out = append(c.out, kept...)
	return ""
}

// terminated ends a sentence with a full stop when the model left it open.
func terminated(s string, lang patientqa.Lang) string {
	if s == "" || strings.ContainsRune("。.！？!?", []rune(s)[len([]rune(s))-1]) {
		return s
	}
	if lang.Base() == patientqa.LangEn {
		return s + "."
	}
	return s + "。"
}
