/* highlight.c: C source to HTML with <span class="hl-*"> around comments, strings, numbers,
 * keywords, types, preprocessor lines and called names, for the lessons' code blocks and the
 * starter shown before (or without) JavaScript.  A lexer, not a parser: good enough to read. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "highlight.h"

static const char *const keywords[] = {
	"if", "else", "for", "while", "do", "return", "break", "continue", "switch", "case",
	"default", "goto", "sizeof", "static", "const", "volatile", "extern", "inline",
	"struct", "union", "enum", "typedef", "__always_inline", "asm", "register", NULL,
};
static const char *const types[] = {
	"void", "char", "int", "long", "short", "unsigned", "signed", "bool", "float", "double",
	"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16", "__u32", "__u64",
	"__s32", "__s64", "__be16", "__be32", "size_t", "pid_t", "uint32_t", "uint64_t", NULL,
};

void webgen_escape(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(s[i], out);
		}
	}
}

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(*list, s, n))
			return 1;
	return 0;
}

static void span(FILE *out, const char *cls, const char *s, size_t n)
{
	fprintf(out, "<span class=\"hl-%s\">", cls);
	webgen_escape(out, s, n);
	fputs("</span>", out);
}

/* length of the token of the quoted literal starting at s[0] (a ' or "), escapes included */
static size_t quoted(const char *s, size_t n)
{
	size_t i = 1;

	while (i < n && s[i] != s[0] && s[i] != '\n')
		i += s[i] == '\\' && i + 1 < n ? 2 : 1;
	return i < n && s[i] == s[0] ? i + 1 : i;
}

void webgen_highlight_c(FILE *out, const char *s, size_t n)
{
	size_t i = 0;
	int line_start = 1;

	while (i < n) {
		size_t j = i;

		if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			while (j < n && s[j] != '\n')
				j++;
			span(out, "c", s + i, j - i);
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *end = memmem(s + i + 2, n - i - 2, "*/", 2);

			j = end ? (size_t)(end - s) + 2 : n;
			span(out, "c", s + i, j - i);
		} else if (line_start && s[i] == '#') {
			while (j < n && s[j] != '\n' && !(s[j] == '"' || s[j] == '<'))
				j++;
			span(out, "p", s + i, j - i);
		} else if (s[i] == '"' || s[i] == '\'') {
			j = i + quoted(s + i, n - i);
			span(out, "s", s + i, j - i);
		} else if (isdigit((unsigned char)s[i])) {
			while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '.'))
				j++;
			span(out, "n", s + i, j - i);
		} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
			size_t k;

			while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			for (k = j; k < n && s[k] == ' '; k++)
				;
			if (in_list(keywords, s + i, j - i))
				span(out, "k", s + i, j - i);
			else if (in_list(types, s + i, j - i))
				span(out, "t", s + i, j - i);
			else if (k < n && s[k] == '(')
				span(out, "f", s + i, j - i);
			else
				webgen_escape(out, s + i, j - i);
		} else {
			j = i + 1;
			webgen_escape(out, s + i, 1);
		}
		for (size_t k = i; k < j; k++)
			if (s[k] == '\n')
				line_start = 1;
			else if (s[k] != ' ' && s[k] != '\t')
				line_start = 0;
		i = j;
	}
}
