package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// factHeadingRe finds the id of each entry of a fact sheet or of SOURCES.md: "## EVD-004 …".
var factHeadingRe = regexp.MustCompile(`(?m)^##\s+((?:REG|EVD|PAT|CND|SRC)-\d{3})\b`)

// FactIDs returns the fact ids defined in the given Markdown texts.
func FactIDs(texts ...[]byte) map[string]bool {
	ids := map[string]bool{}
	for _, t := range texts {
		for _, m := range factHeadingRe.FindAllSubmatch(t, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids
}

// ReadFactIDs reads the fact ids from every *.md file in the fact-sheet directories and files
// given (a file is read as is; a directory for its *.md files).
func ReadFactIDs(paths ...string) (map[string]bool, error) {
	var texts [][]byte
	for _, p := range paths {
		files := []string{p}
		if st, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("fact sheets: %w", err)
		} else if st.IsDir() {
			files, _ = filepath.Glob(filepath.Join(p, "*.md"))
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			texts = append(texts, b)
		}
	}
	ids := FactIDs(texts...)
	if len(ids) == 0 {
		return nil, fmt.Errorf("fact sheets: no fact ids found in %v", paths)
	}
	return ids, nil
}
