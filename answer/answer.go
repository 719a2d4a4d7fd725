// Package answer is the answering core: validate -> normalise -> triage -> retrieve -> decide
// -> compose -> guard, as in DESIGN.md. It knows nothing of HTTP, databases or models: the
// server calls Engine.Ask, and eval calls the same method in-process.
//
// The default composer is extractive: the answer quotes key points of the best-matching vetted
// documents verbatim, each sentence ending with the [n] of its citation, after the sentences
// the bot says on its own (package prompts) for emergencies, provider, personal and guarantee
// questions. When nothing relevant enough is found the answer is an honest refusal with a
// referral. A cure-promise guard (package promise) runs on every final sentence, whatever wrote
// it; a sentence that trips it is dropped.
package answer

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"patientqa"
	"patientqa/corpus"
	"patientqa/normalize"
	"patientqa/promise"
	"patientqa/prompts"
	"patientqa/retrieval"
	"patientqa/triage"
	"patientqa/verify"
)

// Limits of a question (DESIGN.md).
const MaxQuestionRunes = 2000

// Tuning of the decision and the extractive composer. Values were set on the questions in
// testdata and the eval suites; see the package tests.
const (
	retrieveK          = 40   // passages retrieved per question
	minCoverage        = 0.5  // share of the question's informative terms the chosen documents must contain
	minCoverageTopical = 0.15 // the same when the best document shares a disease or theme concept
	docScoreRatio      = 0.5  // a further document is used when it scores at least this share of the best
	maxDocs            = 3    // documents quoted in one answer
	maxSentences       = 7    // quoted sentences in one answer
	topDocSentences    = 3    // key points quoted from the best document
	docSentences       = 2    // key points quoted from each further document
)

// Options configures an Engine.
type Options struct {
	Now func() time.Time // the clock; review dates are checked against it (default time.Now)
	// Dense, when set, adds dense candidates fused with the lexical ones by RRF.
	Dense patientqa.Retriever
	// Model, when set, writes answers from the chosen passages; every sentence is verified and
	// the extractive answer is the fallback.
	Model        patientqa.Model
	ModelTimeout time.Duration // default 15s
	// Verify is how closely the model's sentences must follow the passages they cite
	// (verify.Strict, the zero value, or verify.Standard).
	Verify verify.Level
	// Judge, when set, is a model asked about every sentence the verifier keeps whether its
	// passages support it; a sentence it does not call SUPPORTED is dropped, and an answer
	// whose judge cannot be asked falls back.
	Judge patientqa.Model
	// Passages, when set, are the retrieval units to index (as stored in a database) instead
	// of those derived from the corpus's documents; passages of documents that are not
	// servable are skipped either way.
	Passages []*patientqa.Passage
	// CacheSize, when positive, keeps that many recent answers for repeated questions (least
	// recently used out first). Only answers no model wrote or was asked for are cached, and
	// none when Dense is set (an external index may change under the same corpus version).
	CacheSize int
}

// Engine answers questions from one corpus. It is immutable and safe for concurrent use.
type Engine struct {
	corpus       *corpus.Corpus
	prompts      *prompts.Set
	analyzer     *retrieval.Analyzer
	index        map[patientqa.Lang]*retrieval.Index
	domain       map[string]bool     // concept terms ("#stem-cell") that put a question on topic
	scope        map[string]bool     // domain concept terms: the question is about stem-cell or cell therapy
	conditionOf  map[string]string   // condition concept term -> vocabulary condition
	elsewhere    map[string]bool     // condition and outside concept terms no document covers
	narrows      map[string][]string // vocabulary condition -> the broader ones it makes specific
	condition    map[string]bool     // concept terms that name a disease
	gate         map[string]bool     // concept terms a document must share to answer (conditions, outside subjects)
	sortBy       map[string]bool     // concept terms that order documents (conditions and themes)
	topical      map[string]bool     // condition and theme concept terms: evidence a document answers
	docTerms     map[string]map[string]bool
	passages     map[string]*patientqa.Passage // indexed passages by ID
	now          func() time.Time
	dense        patientqa.Retriever
	speller      *normalize.Speller
	verdicts     verdictCache
	traditional  sync.Map // text -> its Traditional form (see toTraditional)
	traditionalN atomic.Int64
	disclaimers  sync.Map // lang -> disclaimer
	sayings      sayings  // rendered prompt messages
	model        patientqa.Model
	judge        *Judge
	modelTimeout time.Duration
	verifyLevel  verify.Level
	cache        *answerCache // nil: off
}

// New builds the engine: the analyzer from the concept map and one BM25 index per language
// over the documents servable now (documents that become overdue later are skipped at answer
// time).
func New(c *corpus.Corpus, p *prompts.Set, opt Options) *Engine {
	e := &Engine{corpus: c, prompts: p, analyzer: retrieval.NewAnalyzer(c.Concepts), now: opt.Now,
		index: map[patientqa.Lang]*retrieval.Index{}, domain: map[string]bool{}, condition: map[string]bool{}, topical: map[string]bool{},
		scope: map[string]bool{},
		gate:  map[string]bool{}, sortBy: map[string]bool{},
		docTerms: map[string]map[string]bool{}, dense: opt.Dense, model: opt.Model, modelTimeout: opt.ModelTimeout,
		verifyLevel: opt.Verify}
	if opt.Judge != nil {
		e.judge = NewJudge(opt.Judge, p, opt.ModelTimeout)
	}
	if e.now == nil {
		e.now = time.Now
	}
	e.conditionOf, e.narrows = vocabularyConditions(c)
	for _, k := range c.Concepts {
		switch k.Kind {
		case corpus.ConceptDomain:
			e.domain[retrieval.ConceptPrefix+k.ID] = true
			e.scope[retrieval.ConceptPrefix+k.ID] = true
		case corpus.ConceptSubject:
			e.domain[retrieval.ConceptPrefix+k.ID] = true
			e.topical[retrieval.ConceptPrefix+k.ID] = true
		case corpus.ConceptCondition:
			e.condition[retrieval.ConceptPrefix+k.ID] = true
			e.topical[retrieval.ConceptPrefix+k.ID] = true
			e.gate[retrieval.ConceptPrefix+k.ID] = true
			e.sortBy[retrieval.ConceptPrefix+k.ID] = true
		case corpus.ConceptOutside:
			e.gate[retrieval.ConceptPrefix+k.ID] = true
		case corpus.ConceptTheme:
			e.topical[retrieval.ConceptPrefix+k.ID] = true
			e.sortBy[retrieval.ConceptPrefix+k.ID] = true
		}
	}
	speller := make(chan *normalize.Speller, 1) // made while the indexes are built
	go func() { speller <- newSpeller(c) }()
	go triage.Warm()
	go promise.Warm()
	byLang := map[patientqa.Lang][]*patientqa.Passage{}
	servable := c.Servable(e.now())
	if opt.Passages == nil {
		for _, d := range servable {
			byLang[d.Lang] = append(byLang[d.Lang], corpus.Passages(d)...)
		}
	} else {
		ok := make(map[string]bool, len(servable))
		for _, d := range servable {
			ok[d.ID] = true
		}
		for _, p := range opt.Passages {
			if ok[p.DocID] {
				byLang[p.Lang] = append(byLang[p.Lang], p)
			}
		}
	}
	e.passages = map[string]*patientqa.Passage{}
	for _, ps := range byLang {
		for _, p := range ps {
			e.passages[p.ID] = p
		}
	}
	// One index per language, built concurrently; each document's concepts come from its index.
	var mu sync.Mutex
	var wg sync.WaitGroup
	for lang, ps := range byLang {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix := retrieval.NewIndex(e.analyzer, ps)
			concepts := ix.DocConcepts()
			mu.Lock()
			defer mu.Unlock()
			e.index[lang] = ix
			for id, terms := range concepts {
				e.docTerms[id] = terms
			}
		}()
	}
	wg.Wait()
	e.elsewhere = e.elsewhereTerms()
	e.speller = <-speller
	if opt.CacheSize > 0 && opt.Dense == nil {
		e.cache = newAnswerCache(opt.CacheSize, e.servableUntil)
	}
	return e
}

// newSpeller knows every English word of the corpus, corrects slips towards the concept map's
// and triage's keywords, and knows the Chinese misspellings of spelling.yaml.
func newSpeller(c *corpus.Corpus) *normalize.Speller {
	var known, preferred []string
	for _, d := range c.Docs {
		if d.Lang != patientqa.LangEn {
			continue
		}
		for _, p := range corpus.Passages(d) {
			known = append(known, normalize.Words(p.Text)...)
		}
		known = append(known, normalize.Words(d.Title)...)
	}
	for _, k := range c.Concepts {
		for _, t := range k.Terms {
			preferred = append(preferred, normalize.Words(t)...)
		}
	}
	preferred = append(preferred, triage.Keywords...)
	known = append(known, triage.Words()...)
	return normalize.NewSpeller(known, preferred, c.Spelling.Zh)
}

// CorpusVersion returns the version of the corpus the engine answers from.
func (e *Engine) CorpusVersion() string { return e.corpus.Version }

// Validate checks a question and returns it trimmed. Errors are *patientqa.Error with a
// message safe to show the asker.
func Validate(q patientqa.Question) (patientqa.Question, error) {
	switch q.Lang {
	case "", patientqa.LangAuto:
		q.Lang = patientqa.LangAuto
	case patientqa.LangZh, patientqa.LangEn:
	default:
		return q, patientqa.Errorf(patientqa.EINVALID, `lang must be "auto", "zh" or "en"`)
	}
	if !utf8.ValidString(q.Text) {
		return q, patientqa.Errorf(patientqa.EINVALID, "question is not valid UTF-8")
	}
	if strings.ContainsRune(q.Text, 0) {
		return q, patientqa.Errorf(patientqa.EINVALID, "question contains a NUL character")
	}
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" {
		return q, patientqa.Errorf(patientqa.EINVALID, "question is empty")
	}
	if n := utf8.RuneCountInString(q.Text); n > MaxQuestionRunes {
		return q, patientqa.Errorf(patientqa.ETOOLARGE, "question is %d characters; the limit is %d", n, MaxQuestionRunes)
	}
	if len(q.History) > patientqa.MaxHistory {
		return q, patientqa.Errorf(patientqa.ETOOLARGE, "history has %d questions; the limit is %d", len(q.History), patientqa.MaxHistory)
	}
	if q.History != nil {
		hist := make([]string, len(q.History))
		for i, h := range q.History {
			switch {
			case !utf8.ValidString(h):
				return q, patientqa.Errorf(patientqa.EINVALID, "history[%d] is not valid UTF-8", i)
			case strings.ContainsRune(h, 0):
				return q, patientqa.Errorf(patientqa.EINVALID, "history[%d] contains a NUL character", i)
			}
			if hist[i] = strings.TrimSpace(h); hist[i] == "" {
				return q, patientqa.Errorf(patientqa.EINVALID, "history[%d] is empty", i)
			}
			if n := utf8.RuneCountInString(hist[i]); n > MaxQuestionRunes {
				return q, patientqa.Errorf(patientqa.ETOOLARGE, "history[%d] is %d characters; the limit is %d", i, n, MaxQuestionRunes)
			}
		}
		q.History = hist
	}
	return q, nil
}

// AnswerLang decides the language and script of the answer to a question: English when the
// asker says so or writes no Chinese, otherwise Chinese in the script the question uses.
func AnswerLang(req patientqa.Lang, text string) patientqa.Lang {
	script := normalize.DetectScript(text)
	switch {
	case req == patientqa.LangEn:
		return patientqa.LangEn
	case req == patientqa.LangZh || script != normalize.Latin:
		if script == normalize.Traditional {
			return patientqa.ZhHant
		}
		return patientqa.ZhHans
	}
	return patientqa.LangEn
}

// Ask answers one question. The error is a *patientqa.Error: EINVALID or ETOOLARGE for a bad
// question, or the context's error wrapped as ETIMEOUT/EUNAVAILABLE.
func (e *Engine) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	return e.AskStream(ctx, q, nil)
}

// AskStream is Ask that also passes sentences to emit as a model writes them (after the
// verifier and the guard accepted them). They are provisional: the returned answer is final
// and may differ, when the model's answer falls back to the extractive one. Extractive answers
// emit nothing; the caller streams the final answer.
func (e *Engine) AskStream(ctx context.Context, q patientqa.Question, emit func(sentence string)) (*patientqa.Answer, error) {
	q, err := Validate(q)
	if err != nil {
		return nil, err
	}
	if e.cache == nil || len(q.History) > 0 { // a conversation's answer depends on more than the question
		a, _, err := e.answer(ctx, q, AnswerLang(q.Lang, q.Text), normalize.Fold(q.Text), emit)
		return a, err
	}
	lang, folded := e.cache.question(q.Lang, q.Text)
	key := cacheKey(e.corpus.Version, q.Lang, lang, folded)
	if a := e.cache.get(key, e.now()); a != nil {
		if err := ctx.Err(); err != nil {
			return nil, &patientqa.Error{Code: patientqa.ETIMEOUT, Message: "the answer took too long", Err: err}
		}
		return a, nil
	}
	a, modelAsked, err := e.answer(ctx, q, lang, folded, emit)
	if err == nil && !modelAsked {
		a.JSON = patientqa.EncodeAnswer(a) // encoded once, for this response and every hit
		e.cache.put(key, a, e.now())
	}
	return a, err
}

// answer answers a validated question; modelAsked reports whether a model was asked to write
// it (then the answer is not a function of the question alone, whatever the model did).
//
// The stages: understand (urgency, scope, region, conditions; see understand.go), select
// (retrieve and pick the documents), write (what leads, then the quoted answer), guard (in
// finish: the cure-promise detector and citation numbering).
func (e *Engine) answer(ctx context.Context, q patientqa.Question, lang patientqa.Lang, folded string,
	emit func(sentence string)) (a *patientqa.Answer, modelAsked bool, err error) {
	u := e.understand(q.Text, folded, lang, q.History)

	// Retrieve for the honest part of the question (injection wrappers removed).
	found, err := e.retrieve(ctx, u.query)
	if err != nil {
		return nil, false, err
	}
	c := &composition{engine: e, lang: lang, strict: u.category == patientqa.CatInjection}
	relevant := c.pick(u.query, found)

	a = &patientqa.Answer{Category: u.category, Also: u.also, Lang: lang, Composer: "extractive",
		CorpusVersion: e.corpus.Version, Referral: true, Citations: []patientqa.Citation{},
		Urgency: u.urgency, Region: u.region, Conditions: u.conditions}
	if a.Conditions == nil {
		a.Conditions = []string{}
	}
	if u.urgency == patientqa.UrgencyUrgent {
		c.say(prompts.Urgent, prompts.Data{Stopping: u.stopping})
	}
	outside := u.other
	switch {
	case u.urgency == patientqa.UrgencyCrisis:
		a.Emergency = true
		c.say(prompts.Crisis, prompts.Data{Region: u.region})
	case u.category == patientqa.CatEmergency:
		a.Emergency = true
		c.say(prompts.Emergency, prompts.Data{Region: u.region})
		c.say(prompts.Also, prompts.Data{Also: u.also})
	case u.category == patientqa.CatInjection:
		c.say(prompts.Injection, prompts.Data{})
		c.say(prompts.Also, prompts.Data{Also: u.also})
		if relevant {
			c.say(prompts.Injection, prompts.Data{Answered: true})
			c.quote(maxSentences)
		} else {
			a.Refused = true
		}
	case outside:
		// Scope before templates: a question about another subject gets an honest "outside
		// what we cover", never the provider, dose or guarantee template.
		a.Category, a.Also, a.Refused, a.Referral = patientqa.CatOffTopic, nil, true, false
		c.say(prompts.OffTopic, prompts.Data{})
	case u.category == patientqa.CatPersonal, u.category == patientqa.CatProvider, u.category == patientqa.CatGuarantee:
		c.say(promptFor[u.category], prompts.Data{})
		if relevant {
			c.quote(3)
		}
	case relevant:
		if e.model != nil {
			modelAsked = true
			guarded := func(s string) {
				if emit != nil && !e.promises(s) {
					emit(s)
				}
			}
			if a.FallbackReason = c.composeLLM(ctx, q, guarded); a.FallbackReason == "" {
				a.Composer = "llm"
			}
		}
		if a.Composer != "llm" {
			c.quote(maxSentences)
		}
		c.say(prompts.Referral, prompts.Data{})
	case u.inScope || u.conditionOnly || e.onTopic(u.query.Tokens):
		a.Category, a.Refused = patientqa.CatUncovered, true
		c.say(prompts.Uncovered, prompts.Data{})
	default:
		a.Category, a.Refused, a.Referral = patientqa.CatOffTopic, true, false
		c.say(prompts.OffTopic, prompts.Data{})
	}
	a.InScope = u.inScope || !u.other && a.Category != patientqa.CatOffTopic
	a.Answer, a.Citations = c.finish()
	a.GuardDropped = c.dropped
	if a.Answer == "" { // everything was dropped by the guard: say honestly that we cannot answer
		a.Category, a.Refused = patientqa.CatUncovered, true
		c = &composition{engine: e, lang: lang}
		c.say(prompts.Uncovered, prompts.Data{})
		a.Answer, a.Citations = c.finish()
	}
	a.Disclaimer = e.disclaimer(lang)
	if err := ctx.Err(); err != nil {
		return nil, modelAsked, &patientqa.Error{Code: patientqa.ETIMEOUT, Message: "the answer took too long", Err: err}
	}
	return a, modelAsked, nil
}

var promptFor = map[patientqa.Category]string{
	patientqa.CatPersonal:  prompts.Personal,
	patientqa.CatProvider:  prompts.Provider,
	patientqa.CatGuarantee: prompts.Guarantee,
}

// disclaimer returns the disclaimer in lang; it is the same for every answer, so it is rendered
// once per language.
func (e *Engine) disclaimer(lang patientqa.Lang) string {
	if v, ok := e.disclaimers.Load(lang); ok {
		return v.(string)
	}
	lines, err := e.prompts.Render(lang, prompts.Disclaimer, prompts.Data{})
	if err != nil {
		return ""
	}
	text := strings.Join(lines, sep(lang))
	if lang == patientqa.ZhHant {
		text = e.toTraditional(text)
	}
	e.disclaimers.Store(lang, text)
	return text
}

// toTraditional converts text the engine says again and again (a document title, the
// disclaimer, a quoted sentence with its markers) to Traditional script, remembering up to
// maxTraditional of them: the conversion is a dictionary walk over every character.
func (e *Engine) toTraditional(text string) string {
	if v, ok := e.traditional.Load(text); ok {
		return v.(string)
	}
	t := normalize.ToTraditional(text)
	if e.traditionalN.Add(1) <= maxTraditional {
		e.traditional.Store(text, t)
	}
	return t
}

const maxTraditional = 20000

func (e *Engine) query(text string, lang patientqa.Lang) patientqa.Query {
	folded, terms := e.analyzer.Analyze(text)
	return patientqa.Query{Text: folded, Tokens: terms, Lang: lang.Base()}
}

// retrieve returns the best passages of servable documents, lexical and (when configured)
// dense candidates fused by reciprocal rank.
func (e *Engine) retrieve(ctx context.Context, q patientqa.Query) ([]patientqa.Scored, error) {
	ix := e.index[q.Lang]
	if ix == nil {
		return nil, nil
	}
	found := ix.Search(q.Tokens, retrieveK)
	if e.dense != nil {
		dense, err := e.dense.Retrieve(ctx, q, retrieveK)
		if err != nil {
			return nil, &patientqa.Error{Code: patientqa.EUNAVAILABLE, Message: "search is unavailable", Err: err}
		}
		// Dense candidates are mapped to the indexed passages by ID: the coverage check and the
		// composer know passages by identity, and a passage the index lacks is not servable.
		mapped := dense[:0]
		for _, s := range dense {
			if p := e.passages[s.Passage.ID]; p != nil {
				mapped = append(mapped, patientqa.Scored{Passage: p, Score: s.Score})
			}
		}
		found = retrieval.Fuse(found, mapped)
	}
	now := e.now()
	return slices.DeleteFunc(found, func(s patientqa.Scored) bool {
		d := e.corpus.Doc(s.Passage.DocID)
		return d == nil || !d.Servable(now)
	}), nil
}

// onTopic reports whether a question mentions stem cells, cell therapy or a disease.
func (e *Engine) onTopic(terms []string) bool {
	for _, t := range terms {
		if e.domain[t] || e.condition[t] {
			return true
		}
	}
	return false
}

func sep(lang patientqa.Lang) string {
	if lang.Base() == patientqa.LangEn {
		return " "
	}
	return ""
}

// promises runs the cure-promise detector on one sentence. Answers are mostly made of the same
// sentences (key points and prompt lines), so verdicts are cached, up to a bound.
func (e *Engine) promises(sentence string) bool {
	if v, ok := e.verdicts.m.Load(sentence); ok {
		return v.(bool)
	}
	_, bad := promise.Sentence(sentence)
	if e.verdicts.n.Add(1) <= maxCachedVerdicts {
		e.verdicts.m.Store(sentence, bad)
	}
	return bad
}

const maxCachedVerdicts = 20000

type verdictCache struct {
	m sync.Map // sentence -> bool
	n atomic.Int64
}
