// Package eval runs question suites against the answering engine, in-process or against a
// running askd, and checks every answer: no cure promise, every [n] resolves to a citation of a
// vetted document, every sentence is supported by a cited passage, the answer is in the asker's
// language and script, and it names no clinic, price or dose; plus what each case expects.
//
// The suite format and the CLI (cmd/eval) are stable contracts (DESIGN.md): suites written by
// others must keep working, and unknown keys are an error naming the file and line.
package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// Suite is one YAML file of cases.
type Suite struct {
	Path  string
	Cases []Case
}

// Case is one question and what its answer must satisfy.
type Case struct {
	ID       string   `yaml:"id"`
	Question string   `yaml:"question"`
	Lang     string   `yaml:"lang"`
	History  []string `yaml:"history"` // the conversation's earlier questions, oldest first
	Expect   Expect   `yaml:"expect"`
	Line     int      `yaml:"-"` // where the case starts in its file
}

// Expect lists the optional expectations of a case. Strings are matched case-insensitively
// after Traditional->Simplified folding.
type Expect struct {
	Refuse     *bool    `yaml:"refuse"`
	Emergency  *bool    `yaml:"emergency"`
	Referral   *bool    `yaml:"referral"`
	Category   string   `yaml:"category"`
	Urgency    string   `yaml:"urgency"` // emergency, crisis, urgent or none
	Region     string   `yaml:"region"`  // the region the answer must recognise ("none": none)
	CiteAny    []string `yaml:"cite_any"`
	MentionAny []string `yaml:"mention_any"`
	MentionAll []string `yaml:"mention_all"`
	NotMention []string `yaml:"not_mention"`
}

type suiteFile struct {
	Cases []Case `yaml:"cases"`
}

func validRegion(r string) bool {
	return slices.Contains([]string{patientqa.RegionMainland, patientqa.RegionHK, patientqa.RegionMacau,
		patientqa.RegionTaiwan, patientqa.RegionUS, patientqa.RegionOther}, r)
}

// LoadSuite reads and checks a suite file.
func LoadSuite(path string) (*Suite, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSuite(path, b)
}

// ParseSuite parses a suite. Unknown keys, missing ids or questions, duplicate ids and unknown
// categories are errors that name the file and line.
func ParseSuite(path string, b []byte) (*Suite, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f suiteFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty suite", path)
		}
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	// Line numbers of the cases, from the node tree.
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err == nil && len(root.Content) > 0 {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "cases" {
				for j, n := range m.Content[i+1].Content {
					if j < len(f.Cases) {
						f.Cases[j].Line = n.Line
					}
				}
			}
		}
	}
	if len(f.Cases) == 0 {
		return nil, fmt.Errorf("%s: no cases (the file needs a top-level \"cases:\" list)", path)
	}
	seen := map[string]int{}
	for _, c := range f.Cases {
		switch {
		case c.ID == "":
			return nil, fmt.Errorf("%s: line %d: case without id", path, c.Line)
		case strings.TrimSpace(c.Question) == "":
			return nil, fmt.Errorf("%s: line %d: case %q has no question", path, c.Line, c.ID)
		case seen[c.ID] > 0:
			return nil, fmt.Errorf("%s: line %d: duplicate case id %q (first at line %d)", path, c.Line, c.ID, seen[c.ID])
		case c.Lang != "" && c.Lang != "auto" && c.Lang != "zh" && c.Lang != "en":
			return nil, fmt.Errorf("%s: line %d: case %q: lang must be auto, zh or en", path, c.Line, c.ID)
		case c.Expect.Category != "" && !validCategory(c.Expect.Category):
			return nil, fmt.Errorf("%s: line %d: case %q: unknown category %q", path, c.Line, c.ID, c.Expect.Category)
		case c.Expect.Urgency != "" && !slices.Contains(patientqa.Urgencies, c.Expect.Urgency):
			return nil, fmt.Errorf("%s: line %d: case %q: unknown urgency %q (want one of %v)", path, c.Line, c.ID, c.Expect.Urgency, patientqa.Urgencies)
		case c.Expect.Region != "" && c.Expect.Region != "none" && !validRegion(c.Expect.Region):
			return nil, fmt.Errorf("%s: line %d: case %q: unknown region %q", path, c.Line, c.ID, c.Expect.Region)
		case len(c.History) > patientqa.MaxHistory:
			return nil, fmt.Errorf("%s: line %d: case %q: history has %d questions; the limit is %d", path, c.Line, c.ID, len(c.History), patientqa.MaxHistory)
		}
		seen[c.ID] = c.Line
	}
	return &Suite{Path: path, Cases: f.Cases}, nil
}
