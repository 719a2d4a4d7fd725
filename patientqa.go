// Package patientqa holds the domain words every other package shares: a Question, the Answer
// built for it, the Citations that make each statement traceable, the Documents and Passages of
// the vetted corpus, the Category a question falls into, and the small interfaces (Retriever,
// Embedder, Composer) the answering core depends on.
//
// The package imports no network, database or model code, so everything can depend on it and it
// depends on nothing but the standard library.
package patientqa

import (
	"context"
	"time"
)

// Lang is the language and script of a question or an answer, as sent in the API.
type Lang string

const (
	LangAuto Lang = "auto"    // detect from the question text
	LangZh   Lang = "zh"      // request value: Chinese, script detected from the question
	LangEn   Lang = "en"      // English
	ZhHans   Lang = "zh-Hans" // answer value: Simplified Chinese
	ZhHant   Lang = "zh-Hant" // answer value: Traditional Chinese
)

// Base returns the corpus language of l: "zh" for any Chinese script, "en" otherwise.
func (l Lang) Base() Lang {
	switch l {
	case LangZh, ZhHans, ZhHant:
		return LangZh
	}
	return LangEn
}

// Category is the kind of help a question needs. It decides what the answer leads with.
type Category string

const (
	CatAnswer    Category = "answer"    // a question the vetted sources answer
	CatEmergency Category = "emergency" // danger now: call 120 / go to an emergency department
	CatPersonal  Category = "personal"  // asks for a dose, a diagnosis or whether to stop treatment
	CatProvider  Category = "provider"  // asks which hospital/clinic/doctor, a price, a package
	CatGuarantee Category = "guarantee" // asks for a promise or a success rate
	CatInjection Category = "injection" // tries to override the service's rules
	CatOffTopic  Category = "offtopic"  // not about stem cells, cell therapy or health
	CatUncovered Category = "uncovered" // on topic, but the vetted sources do not cover it
)

// Urgency is how soon the asker needs help, whatever the subject of the question.
const (
	UrgencyEmergency = "emergency" // danger now: call the local emergency number
	UrgencyCrisis    = "crisis"    // risk of suicide or self-harm
	UrgencyUrgent    = "urgent"    // see a doctor today
	UrgencyNone      = "none"
)

// Urgencies lists every urgency in a stable order.
var Urgencies = []string{UrgencyEmergency, UrgencyCrisis, UrgencyUrgent, UrgencyNone}

// Regions the engine recognises (Answer.Region); "" when the question names none.
const (
	RegionMainland = "mainland"
	RegionHK       = "hk"
	RegionMacau    = "macau"
	RegionTaiwan   = "taiwan"
	RegionUS       = "us"
	RegionOther    = "other"
)

// Categories lists every category in a stable order.
var Categories = []Category{CatAnswer, CatEmergency, CatPersonal, CatProvider, CatGuarantee,
	CatInjection, CatOffTopic, CatUncovered}

// Question is one request to the service. Text is as the user typed it (after validation);
// nothing may log it before personal data is redacted.
type Question struct {
	Text string
	Lang Lang // LangAuto, LangZh or LangEn
	// History is the conversation's earlier questions, oldest first (at most MaxHistory): what
	// the question leaves out (the region, the condition, that it is about stem cells) comes
	// from them.
	History []string
}

// MaxHistory is how many earlier questions a Question may carry.
const MaxHistory = 6

// Citation is one numbered source of an answer; the answer text refers to it as [N].
type Citation struct {
	N           int    `json:"n"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	Publisher   string `json:"publisher"`
	Published   string `json:"published"`
	URL         string `json:"url"`
	SourceTitle string `json:"source_title,omitempty"` // the official document's own title
}

// Answer is the response to a Question; its JSON form is the stable POST /ask contract.
type Answer struct {
	Answer    string     `json:"answer"`
	Citations []Citation `json:"citations"`
	Refused   bool       `json:"refused"`
	Category  Category   `json:"category"`
	Emergency bool       `json:"emergency"` // true for urgency emergency and crisis
	// Urgency is the disposition: emergency, crisis, urgent or none.
	Urgency string `json:"urgency"`
	// Region is where the question is about or asked from, when it names one (Region*).
	Region string `json:"region,omitempty"`
	// Conditions are the conditions of corpus/vocabulary.yaml the question is about.
	Conditions []string `json:"conditions"`
	// InScope reports whether the question is about stem-cell or cell therapy (or a follow-up
	// of one); a question that is not, and is not urgent, is answered as offtopic.
	InScope       bool   `json:"in_scope"`
	Referral      bool   `json:"referral"`
	Disclaimer    string `json:"disclaimer"`
	Lang          Lang   `json:"lang"`
	CorpusVersion string `json:"corpus_version"`
	Composer      string `json:"composer,omitempty"` // "extractive" or "llm"
	// AnswerID identifies this answer for feedback (POST /feedback); set by the server.
	AnswerID string `json:"answer_id,omitempty"`
	// FallbackReason says why an LLM answer fell back to the extractive one ("" if it did not).
	FallbackReason string `json:"fallback_reason,omitempty"`
	// GuardDropped counts the sentences the cure-promise guard removed (for metrics only).
	GuardDropped int `json:"-"`
	// Cached reports that the answer came from the engine's answer cache (for metrics only).
	Cached bool `json:"-"`
	// Also lists further categories that applied but did not lead (e.g. provider inside emergency).
	Also []Category `json:"also,omitempty"`
	// JSON, when set, is this answer's JSON made once by the engine, which keeps it with the
	// answer in its cache; the server sends it with the AnswerID spliced in instead of encoding
	// the answer again. Code that changes any other field of an answer after the engine gave
	// it must set JSON to nil.
	JSON *AnswerJSON `json:"-"`
}

// Source identifies an official document a patient can open: a URL and/or identifiers.
type Source struct {
	Title  string `yaml:"title" json:"title,omitempty"`
	URL    string `yaml:"url" json:"url,omitempty"`
	DOI    string `yaml:"doi" json:"doi,omitempty"`
	PMID   string `yaml:"pmid" json:"pmid,omitempty"`
	NCT    string `yaml:"nct" json:"nct,omitempty"`
	Wenhao string `yaml:"wenhao" json:"wenhao,omitempty"`
}

// Link returns the best https link for the source: its URL, else one built from an identifier.
func (s Source) Link() string {
	switch {
	case s.URL != "":
		return s.URL
	case s.DOI != "":
		return "https://doi.org/" + s.DOI
	case s.PMID != "":
		return "https://pubmed.ncbi.nlm.nih.gov/" + s.PMID + "/"
	case s.NCT != "":
		return "https://clinicaltrials.gov/study/" + s.NCT
	}
	return ""
}

// Document statuses.
const (
	StatusVetted  = "vetted"
	StatusDraft   = "draft"
	StatusRetired = "retired"
)

// Document is one corpus document: front matter plus body paragraphs.
type Document struct {
	ID         string
	Kind       string
	Title      string
	Publisher  string
	Published  string
	Lang       Lang // LangZh or LangEn
	Source     Source
	SeeAlso    []Source
	Status     string
	VerifiedAt time.Time
	ReviewDue  time.Time
	KeyPoints  []string
	Topics     []string
	Conditions []string
	Facts      []string
	Body       []string // paragraphs
	Path       string   // where it was read from, for messages
}

// Servable reports whether the document may be used in answers at time now: vetted and not
// past its review date (a review due today is still served).
func (d *Document) Servable(now time.Time) bool {
	return d.Status == StatusVetted && !now.After(d.ReviewDue.Add(24*time.Hour-time.Nanosecond))
}

// Passage kinds.
const (
	PassageKeyPoint  = "key_point"
	PassageParagraph = "paragraph"
)

// Passage is the unit of retrieval: one key point or one body paragraph of a document.
type Passage struct {
	ID    string // "<doc id>#k<i>" for key points, "<doc id>#p<i>" for paragraphs
	DocID string
	Kind  string
	Index int
	Text  string
	Lang  Lang
	// Heading is the document title, indexed with the passage so that a key point about "the
	// trial" is still found by the disease the title names. It is never quoted.
	Heading string
}

// Scored is a retrieved passage with its score (higher is better; scales differ by retriever).
type Scored struct {
	Passage *Passage
	Score   float64
}

// Query is what a Retriever searches with: the normalised text and its tokens.
type Query struct {
	Text   string   // normalised (simplified, lower-case) question
	Tokens []string // terms including expanded concepts
	Lang   Lang     // corpus language to search: LangZh or LangEn
}

// Retriever finds the passages most relevant to a query, best first, at most k.
// Implementations must be safe for concurrent use.
type Retriever interface {
	Retrieve(ctx context.Context, q Query, k int) ([]Scored, error)
}

// Embedder turns texts into vectors for dense retrieval. Vectors are L2-normalised and all of
// the same dimension; implementations must be safe for concurrent use.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Model is a language model that writes text for a system and a user prompt. When onChunk is
// not nil the text streams to it as it arrives; the whole text is returned either way. An
// operator configures one (package llm); without one the answers are extractive.
type Model interface {
	Generate(ctx context.Context, system, user string, onChunk func(chunk string) error) (string, error)
}

// Composer writes the answer text from the retrieved passages. Each sentence it returns must end
// with [n] markers that resolve to the citations it returns.
type Composer interface {
	Compose(ctx context.Context, in ComposeInput) (ComposeOutput, error)
}

// ComposeInput is what a Composer receives.
type ComposeInput struct {
	Question Question
	Lang     Lang
	Passages []Scored
	Docs     map[string]*Document
}

// ComposeOutput is what a Composer returns.
type ComposeOutput struct {
	Sentences []string // each ends with its [n] markers
	Citations []Citation
}
