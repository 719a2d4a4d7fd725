package redact

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		in      string
		secrets []string // must be gone
		keep    []string // must stay
	}{
		{"我叫张三，电话13800138000，想问干细胞", []string{"张三", "13800138000"}, []string{"我叫", "干细胞"}},
		{"手机 138-0013-8000 或 +86 138 0013 8000", []string{"138-0013-8000", "138 0013 8000"}, nil},
		{"身份证号110105199003071234", []string{"110105199003071234"}, nil},
		{"身份证 11010519900307123X 请查", []string{"11010519900307123X"}, nil},
		{"邮箱 zhang.san@example.com", []string{"zhang.san@example.com"}, nil},
		{"我住在江苏省苏州市姑苏区人民路100号3栋", []string{"苏州市姑苏区人民路100号"}, nil},
		{"苏州哪个医院可以注射干细胞", nil, []string{"苏州哪个医院可以注射干细胞"}},
		{"My name is John Smith and my number is (415) 555 0134 5", []string{"John Smith"}, []string{"My name is"}},
		{"call me on +44 20 7946 0958", []string{"7946 0958"}, nil},
		{"I live at 12 Baker Street, London", []string{"12 Baker Street"}, nil},
		{"my ALT is 86 and AST 120", nil, []string{"ALT is 86", "AST 120"}},
		{"NCT02032004 是什么试验", nil, []string{"NCT02032004"}},
		{"座机 0512-65223637", []string{"65223637"}, nil},
	}
	for _, tt := range tests {
		got := Text(tt.in)
		for _, s := range tt.secrets {
			if strings.Contains(got, s) {
				t.Errorf("Text(%q) = %q still contains %q", tt.in, got, s)
			}
		}
		for _, s := range tt.keep {
			if !strings.Contains(got, s) {
				t.Errorf("Text(%q) = %q lost %q", tt.in, got, s)
			}
		}
	}
}
