// Package corpus reads the vetted documents the service answers from, and checks them.
//
// A document is a Markdown file with YAML front matter (see FORMAT.md). The documents under
// data/ are compiled into the binary with go:embed, so askd runs with no files beside it; editors
// point -corpus at a directory to try changes without rebuilding. The concept map (concepts.yaml:
// patients' words tied to the corpus's words across languages) and the controlled vocabulary of
// topics and conditions (vocabulary.yaml) and the misspellings patients type (spelling.yaml)
// live beside the documents, as data.
//
// Load parses; Lint checks everything an editor must fix before a document may be served. Only
// vetted documents whose review is not overdue are served (patientqa.Document.Servable).
package corpus

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

//go:embed data/*.md
var embedded embed.FS

//go:embed concepts.yaml
var embeddedConcepts []byte

//go:embed vocabulary.yaml
var embeddedVocabulary []byte

//go:embed spelling.yaml
var embeddedSpelling []byte

// Corpus is a loaded set of documents with its concept map and vocabulary. It is immutable once
// loaded and safe for concurrent use.
type Corpus struct {
	Docs       []*patientqa.Document // sorted by ID
	Concepts   []Concept
	Vocabulary Vocabulary
	Spelling   Spelling
	Version    string // content hash of every file, so replicas can tell corpora apart
	// ConceptsSource is concepts.yaml as read, stored with the corpus in a database.
	ConceptsSource []byte
	byID           map[string]*patientqa.Document
}

// Doc returns the document with the given id, or nil.
func (c *Corpus) Doc(id string) *patientqa.Document { return c.byID[id] }

// Servable returns the documents that may be used in answers at time now, sorted by ID.
func (c *Corpus) Servable(now time.Time) []*patientqa.Document {
	var out []*patientqa.Document
	for _, d := range c.Docs {
		if d.Servable(now) {
			out = append(out, d)
		}
	}
	return out
}

// Concept is one group of words that mean the same thing to a patient ("渐冻症", "ALS",
// "肌萎缩侧索硬化"…). Terms are matched on folded text (see package normalize).
type Concept struct {
	ID    string   `yaml:"id"`
	Kind  string   `yaml:"kind"` // domain, subject, condition, theme or generic
	Terms []string `yaml:"terms"`
	// Condition is the condition of vocabulary.yaml a condition concept stands for, when its id
	// is not that condition's (liver -> cirrhosis); answers report it in their conditions.
	Condition string `yaml:"condition,omitempty"`
	// Narrows lists broader conditions this one makes specific: a question about type 1
	// diabetes ("1型糖尿病" also says 糖尿病) is not also about diabetes in general.
	Narrows []string `yaml:"narrows,omitempty"`
}

// Concept kinds.
const (
	ConceptDomain    = "domain"    // general stem-cell and cell-therapy words: a question with one is on topic
	ConceptSubject   = "subject"   // a specific stem-cell subject (cord blood, MSC): on topic and topical
	ConceptCondition = "condition" // a disease: answers must come from documents about it
	ConceptTheme     = "theme"     // a specific subject: sharing one with a document is evidence of relevance
	ConceptGeneric   = "generic"   // words too common in questions to be such evidence (效果, 什么是)
	ConceptOutside   = "outside"   // a subject outside the corpus (pets, careers): answered only from documents that mention it
)

// Spelling lists the misspellings patients type (spelling.yaml).
type Spelling struct {
	Zh map[string]string `yaml:"zh"` // wrong -> right, Simplified
}

// Vocabulary is the controlled list of topics and conditions, each with a description.
type Vocabulary struct {
	Topics     map[string]string `yaml:"topics"`
	Conditions map[string]string `yaml:"conditions"`
}

// Embedded loads the corpus compiled into the binary.
func Embedded() (*Corpus, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub, embeddedConcepts)
}

// Dir loads the documents in dir. A concepts.yaml in dir or in its parent replaces the
// embedded concept map; otherwise the embedded one is used.
func Dir(dir string) (*Corpus, error) {
	return Load(os.DirFS(dir), dirConcepts(dir))
}

func dirConcepts(dir string) []byte {
	for _, p := range []string{path.Join(dir, "concepts.yaml"), path.Join(dir, "..", "concepts.yaml")} {
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	return embeddedConcepts
}

// Files is a corpus as its editors wrote it: the document files by name, and the concept map.
// It is what a database stores, so that every replica loads exactly the same corpus.
type Files struct {
	Docs     map[string][]byte // "als-evidence.md" -> file contents
	Concepts []byte            // concepts.yaml
}

// ReadFiles reads the files of the corpus in dir, or of the embedded corpus when dir is "".
func ReadFiles(dir string) (Files, error) {
	f := Files{Docs: map[string][]byte{}, Concepts: embeddedConcepts}
	var fsys fs.FS
	if dir == "" {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			return f, err
		}
		fsys = sub
	} else {
		fsys, f.Concepts = os.DirFS(dir), dirConcepts(dir)
	}
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return f, err
	}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return f, err
		}
		f.Docs[name] = b
	}
	return f, nil
}

// Load parses the files; the corpus has the same Version as one loaded from a directory with
// the same files.
func (f Files) Load() (*Corpus, error) {
	m := fstest.MapFS{}
	for name, b := range f.Docs {
		if strings.Contains(name, "/") || !strings.HasSuffix(name, ".md") {
			return nil, fmt.Errorf("corpus: %q is not a document file name", name)
		}
		m[name] = &fstest.MapFile{Data: b, Mode: 0o444}
	}
	return Load(m, f.Concepts)
}

// Load parses every *.md file at the top of fsys. It returns a *LoadError listing every file
// that could not be parsed (and no corpus) if any could not; Lint checks the content.
func Load(fsys fs.FS, concepts []byte) (*Corpus, error) {
	c := &Corpus{byID: map[string]*patientqa.Document{}, ConceptsSource: concepts}
	if err := yaml.Unmarshal(embeddedVocabulary, &c.Vocabulary); err != nil {
		return nil, fmt.Errorf("corpus: vocabulary.yaml: %w", err)
	}
	if err := strictYAML(embeddedSpelling, &c.Spelling); err != nil {
		return nil, fmt.Errorf("corpus: spelling.yaml: %w", err)
	}
	if err := strictYAML(concepts, &c.Concepts); err != nil {
		return nil, fmt.Errorf("corpus: concepts.yaml: %w", err)
	}
	for _, k := range c.Concepts {
		switch k.Kind {
		case ConceptDomain, ConceptSubject, ConceptCondition, ConceptTheme, ConceptGeneric, ConceptOutside:
		default:
			return nil, fmt.Errorf("corpus: concepts.yaml: concept %q has unknown kind %q", k.ID, k.Kind)
		}
	}
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	// Read and parse every file on every CPU; check and hash them in name order.
	type parsed struct {
		raw []byte
		doc *patientqa.Document
		err error
	}
	results := make([]parsed, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				results[i] = parsed{err: err}
				return
			}
			d, perr := Parse(name, b)
			results[i] = parsed{raw: b, doc: d, err: perr}
		}()
	}
	wg.Wait()
	h := sha256.New()
	var problems []Problem
	for i, name := range names {
		r := results[i]
		if r.raw == nil && r.err != nil {
			return nil, r.err
		}
		h.Write([]byte(name))
		h.Write(r.raw)
		if r.err != nil {
			problems = append(problems, Problem{Path: name, Message: r.err.Error(),
				Fix: "make the front matter valid YAML between two '---' lines, using only the fields of FORMAT.md"})
			continue
		}
		d := r.doc
		if c.byID[d.ID] != nil {
			problems = append(problems, Problem{Path: name, Field: "id", Message: fmt.Sprintf("duplicate id %q", d.ID),
				Fix: "give each document its own id"})
			continue
		}
		c.byID[d.ID] = d
		c.Docs = append(c.Docs, d)
	}
	h.Write(concepts)
	if len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	slices.SortFunc(c.Docs, func(a, b *patientqa.Document) int { return strings.Compare(a.ID, b.ID) })
	c.Version = hex.EncodeToString(h.Sum(nil))[:12]
	return c, nil
}

// FromDocs returns a corpus of docs with the concept map, vocabulary and spelling of like
// (for synthetic corpora in benchmarks).
func FromDocs(docs []*patientqa.Document, like *Corpus) *Corpus {
	c := &Corpus{Docs: docs, Concepts: like.Concepts, Vocabulary: like.Vocabulary, Spelling: like.Spelling, ConceptsSource: like.ConceptsSource,
		Version: fmt.Sprintf("synthetic-%d", len(docs)), byID: make(map[string]*patientqa.Document, len(docs))}
	for _, d := range docs {
		c.byID[d.ID] = d
	}
	return c
}

// LoadError lists the files that could not be parsed.
type LoadError struct{ Problems []Problem }

func (e *LoadError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// frontMatter is the YAML header of a document, field for field as in FORMAT.md.
type frontMatter struct {
	ID         string             `yaml:"id"`
	Kind       string             `yaml:"kind"`
	Title      string             `yaml:"title"`
	Publisher  string             `yaml:"publisher"`
	Published  string             `yaml:"published"`
	Lang       string             `yaml:"lang"`
	Source     *patientqa.Source  `yaml:"source"`
	SeeAlso    []patientqa.Source `yaml:"see_also"`
	Status     string             `yaml:"status"`
	VerifiedAt string             `yaml:"verified_at"`
	ReviewDue  string             `yaml:"review_due"`
	KeyPoints  []string           `yaml:"key_points"`
	Topics     []string           `yaml:"topics"`
	Conditions []string           `yaml:"conditions"`
	Facts      []string           `yaml:"facts"`
}

// Parse reads one document. It fails only when the file cannot be read as a document at all
// (no front matter, invalid YAML, unknown fields, unreadable dates); Lint reports the rest.
func Parse(name string, b []byte) (*patientqa.Document, error) {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(b, []byte("---\n"))
	if !ok {
		return nil, errors.New("no front matter: the file must start with a '---' line")
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		if head, ok = bytes.CutSuffix(rest, []byte("\n---")); !ok {
			return nil, errors.New("front matter is not closed by a '---' line")
		}
	}
	var fm frontMatter
	if err := strictYAML(head, &fm); err != nil {
		return nil, err
	}
	d := &patientqa.Document{
		ID: fm.ID, Kind: fm.Kind, Title: strings.TrimSpace(fm.Title), Publisher: fm.Publisher,
		Published: fm.Published, Lang: patientqa.Lang(fm.Lang), SeeAlso: fm.SeeAlso, Status: fm.Status,
		KeyPoints: trimAll(fm.KeyPoints), Topics: fm.Topics, Conditions: fm.Conditions, Facts: fm.Facts,
		Body: paragraphs(string(body), fm.Lang), Path: name,
	}
	if fm.Source != nil {
		d.Source = *fm.Source
	}
	var err error
	if d.VerifiedAt, err = parseDay("verified_at", fm.VerifiedAt); err != nil {
		return nil, err
	}
	if d.ReviewDue, err = parseDay("review_due", fm.ReviewDue); err != nil {
		return nil, err
	}
	return d, nil
}

// Render writes d in the document format, so that Parse(name, Render(d)) reads d back (used to
// store synthetic corpora; editors write documents by hand).
func Render(d *patientqa.Document) ([]byte, error) {
	fm := frontMatter{ID: d.ID, Kind: d.Kind, Title: d.Title, Publisher: d.Publisher, Published: d.Published,
		Lang: string(d.Lang), SeeAlso: d.SeeAlso, Status: d.Status, KeyPoints: d.KeyPoints, Topics: d.Topics,
		Conditions: d.Conditions, Facts: d.Facts}
	if d.Source != (patientqa.Source{}) {
		src := d.Source
		fm.Source = &src
	}
	if !d.VerifiedAt.IsZero() {
		fm.VerifiedAt = d.VerifiedAt.Format(time.DateOnly)
	}
	if !d.ReviewDue.IsZero() {
		fm.ReviewDue = d.ReviewDue.Format(time.DateOnly)
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n")
	for _, p := range d.Body {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.Bytes(), nil
}

func parseDay(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil // reported by Lint as missing
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not a date written YYYY-MM-DD", field, s)
	}
	return t, nil
}

// strictYAML decodes b into v, refusing fields v does not have.
func strictYAML(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) { // io.EOF: empty input
		return err
	}
	return nil
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// paragraphs splits a Markdown body into plain paragraphs: blank lines separate them, heading
// and list markers are dropped, and wrapped lines are joined (without a space in Chinese).
func paragraphs(body, lang string) []string {
	var out []string
	for _, block := range strings.Split(body, "\n\n") {
		var b strings.Builder
		for _, line := range strings.Split(block, "\n") {
			line = strings.TrimSpace(line)
			line = strings.TrimLeft(line, "#>")
			line = strings.TrimPrefix(strings.TrimPrefix(line, "- "), "* ")
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if b.Len() > 0 && lang != "zh" {
				b.WriteByte(' ')
			}
			b.WriteString(line)
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}

// Passages returns the retrieval units of a document: each key point, then each body paragraph.
func Passages(d *patientqa.Document) []*patientqa.Passage {
	out := make([]*patientqa.Passage, 0, len(d.KeyPoints)+len(d.Body))
	for i, k := range d.KeyPoints {
		out = append(out, &patientqa.Passage{ID: fmt.Sprintf("%s#k%d", d.ID, i), DocID: d.ID,
			Kind: patientqa.PassageKeyPoint, Index: i, Text: k, Lang: d.Lang, Heading: d.Title})
	}
	for i, p := range d.Body {
		out = append(out, &patientqa.Passage{ID: fmt.Sprintf("%s#p%d", d.ID, i), DocID: d.ID,
			Kind: patientqa.PassageParagraph, Index: i, Text: p, Lang: d.Lang, Heading: d.Title})
	}
	return out
}
