package eval

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"patientqa"
)

// Summary counts results.
type Summary struct {
	Cases  int `json:"cases"`
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// Summarize counts passed and failed results.
func Summarize(results []Result) Summary {
	s := Summary{Cases: len(results)}
	for _, r := range results {
		if r.Passed {
			s.Passed++
		} else {
			s.Failed++
		}
	}
	return s
}

// WriteJSON writes the report of DESIGN.md: {"cases","passed","failed","results":[…]}.
func WriteJSON(w io.Writer, results []Result) error {
	out := struct {
		Summary
		Results []Result `json:"results"`
	}{Summarize(results), results}
	if out.Results == nil {
		out.Results = []Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteText writes a report a person reads at a glance: one line per case, each failure with an
// excerpt of the answer, totals per category and overall.
func WriteText(w io.Writer, results []Result) error {
	type tally struct{ passed, failed int }
	byCat := map[patientqa.Category]*tally{}
	for _, r := range results {
		mark := "PASS"
		if !r.Passed {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "%s  %-40s %-10s %s\n", mark, r.ID, r.Category, excerpt(r.Question, 50))
		if !r.Passed {
			for _, f := range r.Failures {
				fmt.Fprintf(w, "      - %s\n", f)
			}
			fmt.Fprintf(w, "      answer: %s\n", excerpt(r.Answer, 200))
		}
		t := byCat[r.Category]
		if t == nil {
			t = &tally{}
			byCat[r.Category] = t
		}
		if r.Passed {
			t.passed++
		} else {
			t.failed++
		}
	}
	fmt.Fprintln(w)
	cats := slices.Clone(patientqa.Categories)
	cats = append(cats, "") // no answer at all
	for _, c := range cats {
		if t := byCat[c]; t != nil {
			name := string(c)
			if name == "" {
				name = "(no answer)"
			}
			fmt.Fprintf(w, "%-12s %4d passed %4d failed\n", name, t.passed, t.failed)
		}
	}
	s := Summarize(results)
	fmt.Fprintf(w, "\n%d cases: %d passed, %d failed\n", s.Cases, s.Passed, s.Failed)
	return nil
}

// WriteJUnit writes JUnit XML, one testsuite per suite file, for CI systems.
func WriteJUnit(w io.Writer, results []Result) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Time      string   `xml:"time,attr"`
		Failure   *failure `xml:"failure,omitempty"`
	}
	type testsuite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	type testsuites struct {
		XMLName xml.Name    `xml:"testsuites"`
		Suites  []testsuite `xml:"testsuite"`
	}
	var out testsuites
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.Suite]
		if !ok {
			i = len(out.Suites)
			index[r.Suite] = i
			out.Suites = append(out.Suites, testsuite{Name: r.Suite})
		}
		tc := testcase{Name: r.ID, Classname: strings.TrimSuffix(r.Suite, ".yaml"), Time: fmt.Sprintf("%.3f", r.Elapsed.Seconds())}
		if !r.Passed {
			tc.Failure = &failure{Message: r.Failures[0], Text: strings.Join(r.Failures, "\n") + "\n\nanswer: " + r.Answer}
			out.Suites[i].Failures++
		}
		out.Suites[i].Tests++
		out.Suites[i].Cases = append(out.Suites[i].Cases, tc)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
