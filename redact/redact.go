// Package redact removes personal data from text before anything stores or logs it: phone
// numbers, Chinese resident ID numbers, e-mail addresses, names introduced as names ("我叫…",
// "my name is…") and street addresses. Each is replaced by a placeholder such as [PHONE], so an
// editor still sees what kind of question it was.
//
// The patterns err on the side of removing too much: a long digit run is treated as a phone or
// ID number even when it is something else, and a lab value is kept only because it is short.
package redact

import (
	"regexp"
	"strconv"
)

// Placeholders.
const (
	Phone   = "[PHONE]"
	ID      = "[ID]"
	Email   = "[EMAIL]"
	Name    = "[NAME]"
	Address = "[ADDRESS]"
)

type rule struct {
	re   *regexp.Regexp
	with string
	keep int // submatch to keep before the replacement (the "我叫" of "我叫张三"), 0 for none
}

var rules = []rule{
	{re: regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`), with: Email},
	// Resident ID: 18 characters (17 digits and a digit or X), or the old 15 digits.
	{re: regexp.MustCompile(`\b\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]\b|\b\d{15}\b|\b\d{17}[\dXx]\b`), with: ID},
	// Phones: mainland mobiles with or without +86 and separators, landlines with area codes,
	// international numbers, and any other run of eight or more digits.
	{re: regexp.MustCompile(`(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}|\b0\d{2,3}[\s\-]?\d{7,8}\b|\+\d{1,3}(?:[\s\-]?\d{2,4}){2,4}|(?:^|[^\w])\d(?:[\s\-]?\d){7,}`), with: Phone},
	// Names introduced as names.
	{re: regexp.MustCompile(`(我叫|我的名字(?:是|叫)|本人姓名(?:是)?|姓名[:：]?\s*|患者姓名[:：]?\s*|我姓)[\p{Han}·]{1,4}`), with: Name, keep: 1},
	{re: regexp.MustCompile(`(?i)(my name is |my name's |i am called |i'm called |name:\s*|this is )[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}`), with: Name, keep: 1},
	// Chinese addresses: a province or city followed by a district, road, building or number.
	{re: regexp.MustCompile(`[\p{Han}]{2,6}(?:省|市)[\p{Han}\d]{0,12}?(?:区|县|镇|乡|街道|路|街|巷|村|小区|花园|大厦)[\p{Han}\d\-]{0,16}(?:号|栋|幢|单元|室|楼|弄)?`), with: Address},
	{re: regexp.MustCompile(`[\p{Han}]{2,8}(?:路|街|巷|道)\d+号[\p{Han}\d\-]*`), with: Address},
	// English street addresses.
	{re: regexp.MustCompile(`(?i)\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct)\b\.?`), with: Address},
	{re: regexp.MustCompile(`(?i)(i live (?:at|on) |my address is |address:\s*)[^,.;，。]{3,60}`), with: Address, keep: 1},
}

// Text returns s with personal data replaced by placeholders.
func Text(s string) string {
	for _, r := range rules {
		if r.keep == 0 {
			s = r.re.ReplaceAllStringFunc(s, func(m string) string {
				// Keep a leading separator the phone pattern had to consume.
				if r.with == Phone && m != "" && !isDigitOrPlus(m[0]) {
					return m[:1] + r.with
				}
				return r.with
			})
			continue
		}
		s = r.re.ReplaceAllString(s, "${"+strconv.Itoa(r.keep)+"}"+r.with)
	}
	return s
}

func isDigitOrPlus(c byte) bool { return c == '+' || '0' <= c && c <= '9' }
