package answer

import (
	"container/list"
	"slices"
	"sync"
	"time"

	"patientqa"
	"patientqa/normalize"
)

// answerCache keeps recent extractive answers, least recently used out first. Patients ask the
// same questions in the same words, and an extractive answer is a function of the folded
// question, the languages and the corpus, and the documents servable at the time; so it keeps
// answers until the next document falls due for review, then starts afresh. Answers that
// involved a model or an external retriever are never cached (see Engine.AskStream).
type answerCache struct {
	max   int
	until func(now time.Time) time.Time // when the documents servable at now next change

	mu    sync.Mutex
	order *list.List // of *cached, most recently used first
	byKey map[string]*list.Element
	valid time.Time           // entries hold until this instant
	seen  map[string]question // requested language and question text -> what it gives
}

// question is what a question text gives whatever the corpus: the language and script of its
// answer and its folded form.
type question struct {
	lang   patientqa.Lang
	folded string
}

type cached struct {
	key string
	a   *patientqa.Answer
}

func newAnswerCache(max int, until func(time.Time) time.Time) *answerCache {
	return &answerCache{max: max, until: until, order: list.New(), byKey: map[string]*list.Element{},
		seen: map[string]question{}}
}

// question returns AnswerLang(requested, text) and the folded text, remembered for question
// texts seen before: telling Traditional from Simplified script converts the question both
// ways, which with folding costs more than the rest of a cache hit. At most max question texts
// are remembered (then it starts afresh).
func (c *answerCache) question(requested patientqa.Lang, text string) (patientqa.Lang, string) {
	key := string(requested) + "\x00" + text
	c.mu.Lock()
	q, ok := c.seen[key]
	c.mu.Unlock()
	if ok {
		return q.lang, q.folded
	}
	q = question{lang: AnswerLang(requested, text), folded: normalize.Fold(text)}
	c.mu.Lock()
	if len(c.seen) >= c.max {
		clear(c.seen)
	}
	c.seen[key] = q
	c.mu.Unlock()
	return q.lang, q.folded
}

// cacheKey identifies an extractive answer: the corpus version, the requested language, the
// language and script of the answer (Traditional and Simplified questions fold alike), and the
// folded question.
func cacheKey(version string, requested, lang patientqa.Lang, folded string) string {
	return version + "\x00" + string(requested) + "\x00" + string(lang) + "\x00" + folded
}

// get returns a copy of the answer cached under key, or nil.
func (c *answerCache) get(key string, now time.Time) *patientqa.Answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	el, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	a := copyAnswer(el.Value.(*cached).a)
	a.Cached = true
	return a
}

// put caches a copy of a, made at time now.
func (c *answerCache) put(key string, a *patientqa.Answer, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	if el, ok := c.byKey[key]; ok {
		el.Value.(*cached).a = copyAnswer(a)
		c.order.MoveToFront(el)
		return
	}
	c.byKey[key] = c.order.PushFront(&cached{key: key, a: copyAnswer(a)})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cached).key)
	}
}

// expire empties the cache when the documents servable have changed since it was filled.
func (c *answerCache) expire(now time.Time) {
	if now.Before(c.valid) {
		return
	}
	if c.order.Len() > 0 {
		c.order.Init()
		clear(c.byKey)
	}
	c.valid = c.until(now)
}

// copyAnswer copies what a caller could change in place; strings and the JSON are immutable.
// Per-response fields (AnswerID, Cached) are left empty.
func copyAnswer(a *patientqa.Answer) *patientqa.Answer {
	b := *a
	b.Citations = slices.Clone(a.Citations)
	b.Also = slices.Clone(a.Also)
	b.AnswerID, b.Cached = "", false
	return &b
}

// servableUntil returns the first instant after now at which a document servable at now is no
// longer servable (its review falls due), or a time far ahead when none will.
func (e *Engine) servableUntil(now time.Time) time.Time {
	until := now.AddDate(100, 0, 0)
	for _, d := range e.corpus.Servable(now) {
		if end := d.ReviewDue.Add(24 * time.Hour); end.Before(until) {
			until = end
		}
	}
	return until
}
