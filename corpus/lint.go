package corpus

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"patientqa"
	"patientqa/normalize"
	"patientqa/promise"
)

// Problem is one thing an editor must fix, with where and how.
type Problem struct {
	Path    string // file name
	Field   string // front-matter field, "body" or "" for the whole file
	Message string
	Fix     string
}

func (p Problem) String() string {
	s := p.Path
	if p.Field != "" {
		s += ": " + p.Field
	}
	s += ": " + p.Message
	if p.Fix != "" {
		s += " (fix: " + p.Fix + ")"
	}
	return s
}

// Kinds and statuses a document may have.
var (
	Kinds    = []string{"guideline", "regulation", "trial", "review", "approval", "patient-guide"}
	Statuses = []string{patientqa.StatusVetted, patientqa.StatusDraft, patientqa.StatusRetired}
)

var (
	idRe        = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	publishedRe = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)
	doiRe       = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	pmidRe      = regexp.MustCompile(`^[1-9]\d{0,8}$`)
	nctRe       = regexp.MustCompile(`^NCT\d{8}$`)
	wenhaoRe    = regexp.MustCompile(`^\p{Han}+〔(?:19|20)\d{2}〕\d+号$`)
	factRe      = regexp.MustCompile(`^(?:REG|EVD|PAT|CND|SRC)-\d{3}$`)
	htmlRe      = regexp.MustCompile(`<[a-zA-Z/!]`)
)

// mirrorHosts are hosts the fact sheets flag as mirrors, proxies or reprints: a patient must get
// the publisher's own page, so a source never points there.
var mirrorHosts = []string{"47.251.13.51", "altruwe.org", "weglot.com", "dbpia.nl.go.kr", "liu233w.com",
	"scribd.com", "360docs.net", "17tex.com", "jxxfw.com", "dwgpr.com", "readkong.com", "kehsmfs.cn",
	"libreddit", "kanhan.com", "cnpereading.com", "openfun.app", "govapi.tw", "ronny-s3.click",
	"dokumen.tips", "droracle.ai", "ezzy2017.com", "blogspot.com", "paperzz.com", "medpath.com",
	"wikimili.com", "crick.ai", "globalauthorid.com", "bohrium.dp.tech", "vufind"}

// LintOptions says what Lint checks against.
type LintOptions struct {
	Now   time.Time       // reviews due before this day are errors
	Facts map[string]bool // known fact ids; nil skips the known-id check (format is still checked)
}

// Lint returns every problem in the corpus, in file order. A corpus with no problems may be
// served; the CLI exits 1 on any problem.
func Lint(c *Corpus, opt LintOptions) []Problem {
	var out []Problem
	for _, d := range c.Docs {
		out = append(out, LintDoc(d, c.Vocabulary, opt)...)
	}
	return out
}

// LintDoc checks one document.
func LintDoc(d *patientqa.Document, voc Vocabulary, opt LintOptions) []Problem {
	var ps []Problem
	add := func(field, fix, format string, args ...any) {
		ps = append(ps, Problem{Path: d.Path, Field: field, Message: fmt.Sprintf(format, args...), Fix: fix})
	}
	required := []struct{ field, value string }{
		{"id", d.ID}, {"kind", d.Kind}, {"title", d.Title}, {"publisher", d.Publisher},
		{"published", d.Published}, {"lang", string(d.Lang)}, {"status", d.Status},
	}
	for _, r := range required {
		if strings.TrimSpace(r.value) == "" {
			add(r.field, "add it; see corpus/FORMAT.md", "missing")
		}
	}
	if d.ID != "" && !idRe.MatchString(d.ID) {
		add("id", "use lower-case letters, digits and single hyphens", "%q is not a valid id", d.ID)
	}
	if base := strings.TrimSuffix(d.Path, ".md"); d.ID != "" && base != d.ID {
		add("id", "rename the file to "+d.ID+".md or change the id", "id %q does not match the file name", d.ID)
	}
	if d.Kind != "" && !slices.Contains(Kinds, d.Kind) {
		add("kind", "use one of "+strings.Join(Kinds, ", "), "unknown kind %q", d.Kind)
	}
	if d.Status != "" && !slices.Contains(Statuses, d.Status) {
		add("status", "use one of "+strings.Join(Statuses, ", "), "unknown status %q", d.Status)
	}
	if d.Lang != "" && d.Lang != patientqa.LangZh && d.Lang != patientqa.LangEn {
		add("lang", "use zh or en", "unknown lang %q", d.Lang)
	}
	if d.Published != "" && !publishedRe.MatchString(d.Published) {
		add("published", "write the source's date as YYYY-MM-DD, YYYY-MM or YYYY", "%q is not a date", d.Published)
	}
	lintDates(d, opt.Now, add)
	lintSource("source", d.Source, add)
	for i, s := range d.SeeAlso {
		lintSource(fmt.Sprintf("see_also[%d]", i), s, add)
	}
	lintText(d, add)
	lintLists(d, voc, opt.Facts, add)
	return ps
}

type addFunc func(field, fix, format string, args ...any)

func lintDates(d *patientqa.Document, now time.Time, add addFunc) {
	switch {
	case d.VerifiedAt.IsZero():
		add("verified_at", "add the day an editor checked the facts, YYYY-MM-DD", "missing")
	case d.VerifiedAt.After(now):
		add("verified_at", "a check cannot be in the future", "%s is after today", d.VerifiedAt.Format(time.DateOnly))
	}
	switch {
	case d.ReviewDue.IsZero():
		add("review_due", "add the day the facts must be checked again, YYYY-MM-DD", "missing")
	case d.ReviewDue.Before(now.Truncate(24 * time.Hour)):
		add("review_due", "re-check every fact against its sources, then set verified_at to today and review_due to a future date",
			"review was due on %s; the document is not served until it is reviewed", d.ReviewDue.Format(time.DateOnly))
	case !d.VerifiedAt.IsZero() && d.ReviewDue.Before(d.VerifiedAt):
		add("review_due", "set it after verified_at", "review_due is before verified_at")
	}
}

func lintSource(field string, s patientqa.Source, add addFunc) {
	if s.URL == "" && s.DOI == "" && s.PMID == "" && s.NCT == "" && s.Wenhao == "" {
		add(field, "give the official page's url, or a doi, pmid, nct or wenhao", "no URL and no identifier")
	}
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
			add(field+".url", "give a full http(s) URL of the publisher's page", "%q is not a web address", s.URL)
		default:
			for _, m := range mirrorHosts {
				if strings.Contains(u.Host, m) {
					add(field+".url", "cite the publisher's own page, or only the identifier", "%s is a mirror or reprint site", u.Host)
					break
				}
			}
		}
	}
	check := func(name, v string, re *regexp.Regexp, fix string) {
		if v != "" && !re.MatchString(v) {
			add(field+"."+name, fix, "malformed %s %q", name, v)
		}
	}
	check("doi", s.DOI, doiRe, "write a DOI as 10.NNNN/suffix, without https://doi.org/")
	check("pmid", s.PMID, pmidRe, "a PMID is digits only")
	check("nct", s.NCT, nctRe, "an NCT number is NCT followed by 8 digits")
	check("wenhao", s.Wenhao, wenhaoRe, "write a 文号 like 国卫科教发〔2015〕48号")
}

func lintText(d *patientqa.Document, add addFunc) {
	if len(d.KeyPoints) == 0 {
		add("key_points", "add 2-6 plain sentences a patient understands", "missing")
	}
	if len(d.Body) == 0 {
		add("body", "add short paragraphs below the front matter", "empty")
	}
	texts := []struct {
		field, text string
	}{{"title", d.Title}}
	for i, k := range d.KeyPoints {
		field := fmt.Sprintf("key_points[%d]", i)
		texts = append(texts, struct{ field, text string }{field, k})
		if k == "" {
			add(field, "write the sentence or remove the item", "empty")
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(k)
		if !strings.ContainsRune("。！？.!?", last) {
			add(field, "end the sentence with 。 or .", "does not end a sentence")
		}
	}
	for i, p := range d.Body {
		texts = append(texts, struct{ field, text string }{fmt.Sprintf("body paragraph %d", i+1), p})
	}
	for _, t := range texts {
		for _, f := range promise.Check(t.text) {
			add(t.field, "state what the evidence shows without promising; an honest negation (没有证据表明…) or a quoted claim introduced as one to distrust is fine",
				"promissory wording %q in: %s", f.Cue, f.Sentence)
		}
		if htmlRe.MatchString(t.text) {
			add(t.field, "write plain text; the widget never renders HTML", "contains HTML")
		}
		if d.Lang == patientqa.LangEn && (t.field == "title" || strings.HasPrefix(t.field, "key_points")) && normalize.HasHan(t.text) {
			add(t.field, "English answers quote key points verbatim: give Chinese names in the body instead", "Chinese characters in an English document")
		}
		if d.Lang == patientqa.LangZh && normalize.DetectScript(t.text) == normalize.Traditional {
			add(t.field, "write zh documents in Simplified characters; answers are converted for Traditional readers", "written in Traditional characters")
		}
	}
}

func lintLists(d *patientqa.Document, voc Vocabulary, facts map[string]bool, add addFunc) {
	if len(d.Topics) == 0 {
		add("topics", "add at least one topic from corpus/vocabulary.yaml", "missing")
	}
	for _, t := range d.Topics {
		if _, ok := voc.Topics[t]; !ok {
			add("topics", "use a topic listed in corpus/vocabulary.yaml (or add it there)", "unknown topic %q", t)
		}
	}
	for _, c := range d.Conditions {
		if _, ok := voc.Conditions[c]; !ok {
			add("conditions", "use a condition listed in corpus/vocabulary.yaml (or add it there)", "unknown condition %q", c)
		}
	}
	if len(d.Facts) == 0 && d.Status == patientqa.StatusVetted {
		add("facts", "list the fact-sheet ids the document rests on", "a vetted document must list its facts")
	}
	for _, f := range d.Facts {
		switch {
		case !factRe.MatchString(f):
			add("facts", "fact ids look like EVD-004 or SRC-001", "malformed fact id %q", f)
		case facts != nil && !facts[f]:
			add("facts", "use an id from ../shared/facts or corpus/SOURCES.md", "unknown fact id %q", f)
		}
	}
}
