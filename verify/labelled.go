package verify

import (
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// LabelledCase is one hand-labelled model-style sentence of a testdata set: the passages it
// cites by [n], the sentence, and whether the passages support everything it says.
type LabelledCase struct {
	ID        string         `yaml:"id"`
	Passages  map[int]string `yaml:"passages"`
	Sentence  string         `yaml:"sentence"`
	Supported bool           `yaml:"supported"`
	Kind      string         `yaml:"kind"`
}

// LoadLabelled reads a labelled set (testdata/*.yaml). A case without an id gets #index.
func LoadLabelled(path string) ([]LabelledCase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var set struct {
		Cases []LabelledCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(b, &set); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i := range set.Cases {
		if set.Cases[i].ID == "" {
			set.Cases[i].ID = fmt.Sprintf("#%d", i)
		}
	}
	return set.Cases, nil
}

// Score counts a verifier's verdicts on labelled cases.
type Score struct {
	Caught, Unsupported int // unsupported sentences dropped, of all unsupported
	Kept, Supported     int // supported sentences kept, of all supported
}

// Add counts one verdict.
func (s *Score) Add(supported, kept bool) {
	if supported {
		s.Supported++
		if kept {
			s.Kept++
		}
		return
	}
	s.Unsupported++
	if !kept {
		s.Caught++
	}
}

// Precision is the share of unsupported sentences caught; Recall the share of supported ones
// kept.
func (s Score) Precision() float64 { return ratio(s.Caught, s.Unsupported) }
func (s Score) Recall() float64    { return ratio(s.Kept, s.Supported) }

func (s Score) String() string {
	return fmt.Sprintf("precision (unsupported caught) %.3f (%d/%d), recall (supported kept) %.3f (%d/%d)",
		s.Precision(), s.Caught, s.Unsupported, s.Recall(), s.Kept, s.Supported)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
