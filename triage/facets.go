package triage

import (
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// The facets of a question (facets.yaml): the region it is about and whether it is in scope.

//go:embed facets.yaml
var facetsYAML []byte

type facetsFile struct {
	Regions yaml.Node `yaml:"regions"` // a mapping, kept in order: earlier regions win
	Scope   struct {
		In    langSigns `yaml:"in"`
		Other langSigns `yaml:"other"`
	} `yaml:"scope"`
}

type regionTerms struct {
	id    string
	terms patterns
}

type facetSet struct {
	regions   []regionTerms
	in, other patterns
}

var facetData = must(parseFacets(facetsYAML))

// regionIDs are the regions facets.yaml may name.
var regionIDs = map[string]bool{patientqa.RegionMainland: true, patientqa.RegionHK: true,
	patientqa.RegionMacau: true, patientqa.RegionTaiwan: true, patientqa.RegionUS: true, patientqa.RegionOther: true}

func parseFacets(b []byte) (*facetSet, error) {
	var f facetsFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("facets.yaml: %w", err)
	}
	out := &facetSet{}
	if f.Regions.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("facets.yaml: regions must be a mapping")
	}
	for i := 0; i+1 < len(f.Regions.Content); i += 2 {
		id := f.Regions.Content[i].Value
		if !regionIDs[id] {
			return nil, fmt.Errorf("facets.yaml: unknown region %q", id)
		}
		var ls langSigns
		if err := f.Regions.Content[i+1].Decode(&ls); err != nil {
			return nil, fmt.Errorf("facets.yaml: region %s: %w", id, err)
		}
		ps, err := compileSigns(ls, termMode)
		if err != nil {
			return nil, fmt.Errorf("facets.yaml: region %s: %w", id, err)
		}
		out.regions = append(out.regions, regionTerms{id: id, terms: ps})
	}
	var err error
	if out.in, err = compileSigns(f.Scope.In, termMode); err != nil {
		return nil, fmt.Errorf("facets.yaml: scope in: %w", err)
	}
	if out.other, err = compileSigns(f.Scope.Other, termMode); err != nil {
		return nil, fmt.Errorf("facets.yaml: scope other: %w", err)
	}
	return out, nil
}

// Facets are what a question is about, beyond its category.
type Facets struct {
	Region  string // patientqa.Region*, or "" when none is named
	InScope bool   // names stem-cell or cell therapy
	Other   bool   // names another treatment, test or subject (and no stem-cell term)
}

// facets reads the facets of a message.
func facets(t text) Facets {
	var f Facets
	for _, r := range facetData.regions {
		if len(t.scan(r.terms)) > 0 {
			f.Region = r.id
			break
		}
	}
	f.InScope = len(t.scan(facetData.in)) > 0
	f.Other = !f.InScope && len(t.scan(facetData.other)) > 0
	return f
}

// Facet returns the facets of a folded message.
func Facet(folded string) Facets { return facets(newText(folded)) }
