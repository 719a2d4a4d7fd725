package normalize

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestFoldSpaces(t *testing.T) {
	tests := []struct {
		in, want string
		at       []int
	}{
		{"一点汗都没有 胡言乱语", "一点汗都没有胡言乱语", []int{len("一点汗都没有")}},
		{"stem cells 有用吗", "stem cells 有用吗", nil},
		{"發高  燒", "发高烧", []int{len("发高")}},
	}
	for _, tt := range tests {
		got, at := FoldSpaces(tt.in)
		if got != tt.want || !slices.Equal(at, tt.at) || got != Fold(tt.in) {
			t.Errorf("FoldSpaces(%q) = %q %v, want %q %v", tt.in, got, at, tt.want, tt.at)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"幹細胞治療真實效果怎麼樣？", "干细胞治疗真实效果怎么样?"},
		{"ＡＬＳ　患者", "als 患者"},
		{"  Stem\tCells\n  WORK? ", "stem cells work?"},
		{"漸凍症", "渐冻症"},
		{"干细胞\u200b回输", "干细胞回输"},
		{"１２０", "120"},
		{"打完干细胞 后一直发高 烧怎么办", "打完干细胞后一直发高烧怎么办"},
		{"ALS 患者 and stem cells", "als 患者 and stem cells"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold not idempotent on %q: %q", tt.in, got)
		}
	}
}

func TestDetectScript(t *testing.T) {
	tests := []struct {
		in   string
		want Script
	}{
		{"干细胞治疗真实效果怎么样?", Simplified},
		{"幹細胞治療真實效果怎麼樣？", Traditional},
		{"幹細胞可唔可以醫好漸凍症", Traditional},
		{"Do stem cells work for ALS?", Latin},
		{"我的knee好痛,可以打干细胞吗", Simplified},
		{"中文", Simplified}, // same in both scripts
		{"12345", Latin},
	}
	for _, tt := range tests {
		if got := DetectScript(tt.in); got != tt.want {
			t.Errorf("DetectScript(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestToTraditional(t *testing.T) {
	if got := ToTraditional("干细胞治疗"); got != "幹細胞治療" {
		t.Errorf("ToTraditional = %q", got)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"第一句。第二句！第三句？", []string{"第一句。", "第二句！", "第三句？"}},
		{"造血干细胞移植是标准治疗[1]。BAMI试验没有发现差异[2]。", []string{"造血干细胞移植是标准治疗[1]。", "BAMI试验没有发现差异[2]。"}},
		{"移植是标准治疗。[1] 试验未见差异。[2][3]", []string{"移植是标准治疗。[1]", "试验未见差异。[2][3]"}},
		{"Death was 3.26% vs 3.82%. It was small.", []string{"Death was 3.26% vs 3.82%.", "It was small."}},
		{"See e.g. the U.S. rules. Then ask.", []string{"See e.g. the U.S. rules.", "Then ask."}},
		{"It did not help [1]. Ask a doctor [2].", []string{"It did not help [1].", "Ask a doctor [2]."}},
		{"It did not help. [1] Ask.", []string{"It did not help. [1]", "Ask."}},
		{"他说：“能根治。”但没有证据。", []string{"他说：“能根治。”", "但没有证据。"}},
		{"no terminator", []string{"no terminator"}},
		{"", nil},
		{"line one\nline two", []string{"line one", "line two"}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTradSetCurrent: the generated table is what the OpenCC dictionaries give (after a gocc
// upgrade, run go generate ./normalize).
func TestTradSetCurrent(t *testing.T) {
	if got := TradSet(); !slices.Equal(got, tradSet[:]) {
		t.Fatal("tradset.go is out of date: run go generate ./normalize")
	}
}

// TestFastPaths: the shortcuts agree with package unicode on every rune.
func TestFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if toLower(r) != unicode.ToLower(r) || isFormat(r) != unicode.Is(unicode.Cf, r) {
			t.Fatalf("%U: toLower %U, isFormat %v", r, toLower(r), isFormat(r))
		}
	}
}

// TestEndsConversion reads the dictionaries of the Simplified->Traditional conversion (in the
// gocc module) and checks that no entry contains a rune EndsConversion accepts, then that
// converting at such a rune piecewise gives the whole conversion.
func TestEndsConversion(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/liuzl/gocc").Output()
	if err != nil {
		t.Skipf("cannot locate the gocc module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	for _, name := range []string{"STPhrases.txt", "STCharacters.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, "dictionary", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			key, _, _ := strings.Cut(line, "\t")
			if strings.ContainsFunc(key, EndsConversion) {
				t.Errorf("%s: entry %q contains a rune EndsConversion accepts", name, key)
			}
		}
	}
	a, b := "干细胞治疗还在临床试验阶段[1]。", "目前没有获批的干细胞疗法[2]！还要继续观察？"
	if ToTraditional(a+b) != ToTraditional(a)+ToTraditional(b) {
		t.Error("piecewise conversion differs")
	}
}

// TestIsSimplified: every entry of the Traditional->Simplified dictionaries that changes its
// text has a character isSimplified looks for, so a text without any is its own conversion.
func TestIsSimplified(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/liuzl/gocc").Output()
	if err != nil {
		t.Skipf("cannot locate the gocc module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	for _, name := range []string{"TSPhrases.txt", "TSCharacters.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, "dictionary", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			// gocc converts an entry to its first value.
			key, values, _ := strings.Cut(line, "\t")
			if first, _, _ := strings.Cut(values, " "); key != "" && first != key && isSimplified(key) {
				t.Errorf("%s: %q converts to %q, but isSimplified(%[2]q)", name, key, first)
			}
		}
	}
	for _, s := range []string{"干细胞治疗", "重覆", "幹細胞", "stem cells", "瞭解"} {
		if isSimplified(s) && ToSimplified(s) != s {
			t.Errorf("isSimplified(%q), but it converts to %q", s, ToSimplified(s))
		}
	}
}

// TestWordsASCII: the ASCII shortcut of Words gives the words of the folded text.
func TestWordsASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(128))
			if rng.IntN(3) > 0 { // mostly letters and spaces
				b[i] = " aAzZmM\t\n'-"[rng.IntN(11)]
			}
		}
		s := string(b)
		want := strings.FieldsFunc(Fold(s), func(r rune) bool { return r < 'a' || r > 'z' })
		if got := Words(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, want %q", s, got, want)
		}
	}
}
