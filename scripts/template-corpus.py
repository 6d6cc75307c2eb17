#!/usr/bin/env python3
"""Writes compiler/src/test/resources/gotemplate/promtool-templates.jsonl: alert templates, valid
and invalid, each with the verdict of the real `promtool check rules` (Prometheus 2.42) beside it.

The corpus is hand-written corner cases plus mutations of realistic summaries (seeded, so the
same run gives the same file): dropped or doubled braces, misspelt functions and variables,
unbalanced if/range/with/define/block/else/end, parentheses, string escapes, raw strings,
comments, trim markers, declarations and their scope. promtool runs once over all of them (one
rule per template, all named T, so its messages name the template __alert_T).
Run from the repository root, then read the diff: PromtoolTemplateAgreementTest re-checks every
recorded verdict with promtool, TemplateCorpusTest checks the Java port against them.
"""
import json
import random
import re
import subprocess
import sys
import tempfile

OUT = "compiler/src/test/resources/gotemplate/promtool-templates.jsonl"

HAND = [
    # plain text and the common forms
    "", "plain text", "CPU high on {{ $labels.host }}", "{{ $labels.host }}", "{{$labels.host}}",
    "{{ $value }}", "{{ $value | humanize }}", "{{ $value | humanizePercentage }}",
    "{{ $value | humanize1024 }}B", "{{ $value | humanizeDuration }}", "{{ $value | humanizeTimestamp }}",
    "{{ printf \"%.2f\" $value }}", "{{ $value | printf \"%.1f\" }}", "{{ $externalLabels.cluster }}",
    "{{ $externalURL }}", "{{ .Labels.host }}", "{{ .Value }}", "{{ .ExternalURL }}", "{{ . }}",
    "{{ with query \"up\" }}{{ . | first | value | humanize }}{{ end }}",
    "{{ range query \"up\" }}{{ .Labels.instance }} {{ end }}",
    "{{ range $i, $s := query \"up\" }}{{ $i }}={{ $s.Value }}{{ end }}",
    "{{ if gt $value 1.0 }}hot{{ else }}ok{{ end }}", "{{ if gt $value 1.0 }}hot",
    "{{ if eq $labels.severity \"critical\" }}page{{ else if eq $labels.severity \"warning\" }}ticket{{ else }}log{{ end }}",
    "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}", "{{ $labels.instance | stripPort }}",
    "{{ $labels.instance | stripDomain }}", "{{ \"1h\" | parseDuration }}", "{{ $value | toTime }}",
    "{{ title \"x\" }} {{ toUpper \"x\" }} {{ toLower \"X\" }}", "{{ graphLink \"up\" }} {{ tableLink \"up\" }}",
    "{{ args 1 2 }}", "{{ safeHtml \"<b>\" }}", "{{ match \"a.*\" \"abc\" }}", "{{ pathPrefix }} {{ externalURL }}",
    "{{ query \"up\" | sortByLabel \"instance\" }}", "{{ label \"job\" (query \"up\" | first) }}",
    "{{ strvalue (query \"up\" | first) }}", "{{ len $labels }}", "{{ index $labels \"host\" }}",
    "{{ slice \"abc\" 1 2 }}", "{{ and 1 0 }} {{ or 0 1 }} {{ not true }}", "{{ print 1 }}{{ println 2 }}",
    "{{ html \"<\" }} {{ js \"'\" }} {{ urlquery \"a b\" }}", "{{ call $labels }}",
    "{{ eq 1 1 }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 1 2 }} {{ gt 2 1 }} {{ ge 2 1 }}",
    # the brief's examples
    "CPU {{ high", "{{ $label.host }}", "{{ $value | humanise }}", "{{ if gt $value 1.0 }}hot",
    # lexer corners
    "{{ ) }}", "{{ (1 }}", "{{ (1) }}", "{{ ((1)) }}", "{{ (1)) }}", "{{ ( ) }}", "{{ () }}", "{{ 1 | }}",
    "{{ | 1 }}", "{{ $value\n }}", "{{ $value\n", "a\nb {{ $value \n\n x", "{{ \"\\q\" }}", "{{ 'ab' }}",
    "{{ 0x1p-2 }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }}", "{{ 1e400 }}", "{{ 1e-400 }}", "{{ 08 }}", "{{ 09.5 }}",
    "{{ $labels.host  }", "{{ $labels.host } }}", "{{ `abc }}", "{{ \"abc }}", "{{ 'a }}", "{{ '\\n' }}",
    "{{/* x */}}", "{{/* x */ }}", "{{/* x ", "{{- /* x */ -}}", "{{/* a */}}{{/* b */}}", "{{ /* x */ }}",
    "{{/* multi\nline */}}ok", "{{-/* x */}}", "{{- /* x */}}", "{{/* x */-}}",
    "{{-3}}", "{{ 3 -}}", "{{- 3 }}", "{{-  3}}", "{{ 3  -}}", "{{ 3-}}", "{{ $value -}} tail", "{{- $value }}",
    "a {{- $value -}} b", "{{-\n$value\n-}}", "{{ x\u20ac }}", "{{ \u00e9 }}", "{{ # }}", "{{ \u0001 }}",
    "{{ \u20ac }}", "{{ @ }}", "{{ ; }}", "{{ , }}", "{{ ! }}", "{{ ~ }}", "{{ [ }}", "{{ { }}",
    "{{ 0x }}", "{{ 1. }}", "{{ .. }}", "{{ .5 }}", "{{ -.5 }}", "{{ + }}", "{{ - }}", "{{ . }}", "{{ .x.y }}",
    "{{ 'a' }}{{ '\\u00e9' }}{{ '\\xff' }}", "{{ '\\'' }}", "{{ '\"' }}", "{{ \"\\'\" }}", "{{ '' }}",
    "{{ '\\400' }}", "{{ '\\377' }}", "{{ '\\ud800' }}", "{{ '\\U0010ffff' }}", "{{ '\\U00110000' }}",
    "{{ \"\\x4\" }}", "{{ \"\\x41\" }}", "{{ \"\\u00e9\" }}", "{{ \"\\ud800\" }}", "{{ \"\\0\" }}", "{{ \"\\012\" }}",
    "{{ \"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\" }}", "{{ \"tab\there\" }}", "{{ `raw \\q` }}", "{{ `multi\nline` }}",
    "{{ 1__0 }}", "{{ 0_1 }}", "{{ 0x_1 }}", "{{ 1_ }}", "{{ _1 }}", "{{ 99999999999999999999 }}",
    "{{ 18446744073709551615 }}", "{{ 18446744073709551616 }}", "{{ -9223372036854775808 }}",
    "{{ -9223372036854775809 }}", "{{ -0 }}", "{{ 0x1.8p1 }}", "{{ 0x1.8 }}", "{{ 1i }}", "{{ 0i }}", "{{ 1e }}",
    "{{ 1e+ }}", "{{ 0b102 }}", "{{ 0o8 }}", "{{ 0xg }}", "{{ 1+2i }}", "{{ 1+2 }}", "{{ 1-2i }}", "{{ 1i+2i }}",
    "{{ 0x1p2+1i }}", "{{ 0X1P2-1i }}", "{{ 0x1p+2i }}", "{{ 1e400+1i }}", "{{ 1+i }}", "{{ 1_+2i }}", "{{ 1.5e3 }}", "{{ 1E3 }}", "{{ 0X1P3 }}",
    "{{ 0B11 }}", "{{ 0O7 }}", "{{ 017 }}", "{{ 1x }}", "{{ 1.2.3 }}", "{{ +1 }}", "{{ ++1 }}",
    # parser corners
    "{{ $x := 1 }}{{ $x = 2 }}", "{{ $x = 2 }}", "{{ $x := 1 }}{{ if true }}{{ $y := 2 }}{{ end }}{{ $y }}",
    "{{ if true }}{{ $y := 2 }}{{ else }}{{ $y }}{{ end }}", "{{ $x:=1 }}", "{{ $x : 1 }}", "{{ $x := }}",
    "{{ $x := 1 }}{{ $x }}", "{{ $x := 1 | print }}", "{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}",
    "{{ range $i, $e := $labels }}{{ $i }}{{ end }}", "{{ range $i, $e, $f := $labels }}{{ end }}",
    "{{ range $i, 1 }}{{ end }}", "{{ range $i, }}{{ end }}", "{{ with $a, $b := 1 }}{{ end }}",
    "{{ $a, $b := 1 }}", "{{ range $e := $labels }}{{ $e }}{{ end }}", "{{ range $labels }}{{ . }}{{ end }}",
    "{{ break }}", "{{ continue }}", "{{ range $labels }}{{ break }}{{ end }}",
    "{{ range $labels }}{{ continue }}{{ end }}", "{{ range $labels }}{{ break 1 }}{{ end }}",
    "{{ range $labels }}{{ else }}{{ break }}{{ end }}", "{{ range $labels }}{{ if true }}{{ break }}{{ end }}{{ end }}",
    "{{ else }}", "{{ end }}", "{{ if }}{{ end }}", "{{ if true }}", "{{ if true }}{{ else }}", "{{ if true }}{{ end }}{{ end }}",
    "{{ if true }}{{ else }}{{ else }}{{ end }}", "{{ if true }}{{ else if }}{{ end }}",
    "{{ if true }}a{{ else if false }}b{{ end }}", "{{ if true }}a{{ else if false }}b{{ else }}c{{ end }}",
    "{{ range $labels }}{{ else if true }}{{ end }}", "{{ with 1 }}a{{ else with 2 }}b{{ end }}",
    "{{ with 1 }}a{{ else }}b{{ end }}", "{{ with }}{{ end }}", "{{ range }}{{ end }}", "{{ end 1 }}",
    "{{ else 1 }}", "{{ if true }}{{ end x }}", "{{ 1 2 }}", "{{ $value.x }}", "{{ nil }}", "{{ nil.x }}",
    "{{ (1).x }}", "{{ \"a\".x }}", "{{ true.x }}", "{{ 1.x }}", "{{ ..x }}", "{{ .x | .y }}", "{{ $value | 1 }}",
    "{{ $value | \"s\" }}", "{{ $value | nil }}", "{{ $value | true }}", "{{ $value | . }}", "{{ $value | $value }}",
    "{{ $value | (print) }}", "{{ }}", "{{ humanize }}", "{{ .Labels.x.y }}", "{{ template \"x\" }}",
    "{{ template x }}", "{{ template \"x\" . }}", "{{ template `x` $value }}", "{{ template \"\\q\" }}",
    "{{ template }}", "{{ block \"b\" . }}x{{ end }}", "{{ block \"b\" }}x{{ end }}", "{{ block \"b\" . }}x",
    "{{ block \"b\" . }}{{ $labels }}{{ end }}", "{{ block \"b\" . }}x{{ else }}y{{ end }}",
    "{{ define \"x\" }}a{{ end }}", "{{define \"x\"}}a{{end}}", "{{ define \"x\" }}a", "{{ define x }}a{{ end }}",
    "{{ define \"x\" . }}a{{ end }}", "{{ define \"x\" }}a{{ else }}b{{ end }}",
    "{{ define \"__alert_T\" }}a{{ end }}", "{{ define \"__alert_T\" }} {{ end }}",
    "{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}", "{{ define \"a\" }}x{{ end }}{{ define \"a\" }} {{ end }}",
    "{{ define \"a\" }}{{ $labels }}{{ end }}", "{{ define \"a\" }}{{ $ }}{{ end }}", "{{ if true }}{{ define \"a\" }}{{ end }}{{ end }}",
    "{{ $ }}", "{{ $.x }}", "{{ $1 }}", "{{ $labels. }}", "{{ $labels.host.x }}", "{{ $labels.host.(x) }}",
    "{{ $labels.host | printf \"%s\" | toUpper }}", "{{ ($labels.host) }}", "{{ (print $value).x }}",
    "{{ print (print (print 1)) }}", "{{ print (print (print 1) }}", "{{ print (print 1)) }}",
    "{{ print ( 1 ) }}", "{{ print (1 | print) }}", "{{ print (| print) }}", "{{ print (1 |) }}",
    "{{ $x := (1) }}{{ $x }}", "{{ ($x := 1) }}", "{{ (1 2) }}", "{{ if (gt $value 1.0) }}x{{ end }}",
    "{{ $value | printf \"%.2f\" | printf \"%s%%\" }}", "{{{ $value }}", "{{ $value }}}", "{{{{ $value }}}}",
    "{{ $value }} {{", "}} {{ $value }}", "{ {{ $value }} }", "{{ {{ $value }} }}", "{{$value}}{{$value}}",
    "{{ $value }}\n{{ $labels.host }}\n{{ oops }}", "line1\nline2 {{ if true }}\nline3", "{{\n}}",
    "{{ \"a\" \"b\" }}", "{{ print \"a\"\"b\" }}", "{{ print\"a\" }}", "{{ print$value }}", "{{ $value| print }}",
    "{{ $value |print }}", "{{ 1|print }}", "{{ print 1,2 }}", "{{ $a,$b := 1 }}",
    "100%", "{{ \"%\" }}", "{{ `{{` }}", "{{ \"}}\" }}", "{{ \"{{\" }} literal", "{{ '}' }}", "{{ \"a\" | len }}",
]

SEEDS = [
    "Host {{ $labels.host }} is down",
    "CPU on {{ $labels.instance }} at {{ $value | humanizePercentage }}",
    "{{ $labels.job }}/{{ $labels.instance }} has {{ printf \"%.1f\" $value }} errors per second",
    "Disk {{ $labels.device }} will fill in {{ $value | humanizeDuration }}",
    "{{ if gt $value 90.0 }}critical{{ else }}warning{{ end }} on {{ $labels.host }}",
    "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}",
    "{{ with $labels.team }}team {{ . }}{{ else }}no team{{ end }}",
    "Free memory {{ $value | humanize1024 }}B on {{ $labels.host | stripPort }}",
    "{{ $x := $labels.host }}{{ if $x }}{{ $x | toUpper }}{{ end }}",
    "See {{ $externalURL }}/alerts for {{ $externalLabels.cluster }}",
    "{{/* note */}}GPU {{ $labels.gpu }} at {{ $value }} C",
    "{{- $labels.host -}} : {{ reReplaceAll \":.*\" \"\" $labels.instance }}",
    "{{ with query \"up == 0\" }}{{ len . }} targets down{{ end }}",
    "{{ if and (gt $value 1.0) (lt $value 5.0) }}mid{{ end }}",
    "{{ index $labels \"mount\" }} is {{ printf `%.0f` $value }}% full",
    "{{ define \"x\" }}x{{ end }}{{ template \"x\" }} {{ $value }}",
]

MISSPELT_FUNCTIONS = {"humanize": ["humanise", "humanzie", "Humanize", "humanized"],
                      "humanizePercentage": ["humanizePercent", "humanisePercentage"],
                      "humanizeDuration": ["humanizeduration", "humanizeDurations"],
                      "humanize1024": ["humanize1000", "humanise1024"], "printf": ["printF", "sprintf", "print_f"],
                      "toUpper": ["toupper", "upper"], "stripPort": ["stripport", "stripPorts"],
                      "reReplaceAll": ["replaceAll", "reReplace"], "query": ["querry"], "index": ["indx"],
                      "len": ["length"], "gt": ["gte", "greater"], "and": ["AND"], "lt": ["lte"]}
MISSPELT_VARIABLES = {"$labels": ["$label", "$labes", "$Labels", "$lables", "$lbls"],
                      "$value": ["$values", "$val", "$Value", "$v"],
                      "$externalURL": ["$externalUrl", "$externalURl"],
                      "$externalLabels": ["$externalLabel", "$external_labels"]}


def mutations(seed, rng):
    out = []
    braces = [i for i, c in enumerate(seed) if c in "{}"]
    for i in rng.sample(braces, min(4, len(braces))):
        out.append(seed[:i] + seed[i + 1:])          # drop a brace
        out.append(seed[:i] + seed[i] + seed[i:])    # double a brace
    for good, bads in MISSPELT_FUNCTIONS.items():
        if re.search(r"\b" + re.escape(good) + r"\b", seed):
            for bad in bads[:2]:
                out.append(re.sub(r"\b" + re.escape(good) + r"\b", bad, seed, count=1))
    for good, bads in MISSPELT_VARIABLES.items():
        if good in seed:
            for bad in bads[:3]:
                out.append(seed.replace(good, bad, 1))
    for word in ["{{ end }}", "{{ else }}"]:
        if word in seed:
            out.append(seed.replace(word, "", 1))                 # unbalanced: drop it
            out.append(seed.replace(word, word + word, 1))        # unbalanced: twice
    out.append(seed + "{{ end }}")
    out.append("{{ if $value }}" + seed)
    out.append("{{ range $labels }}" + seed + "{{ end }}")      # $labels stays visible in range
    out.append("{{ define \"d\" }}" + seed + "{{ end }}")         # but not in a define
    actions = [m.span() for m in re.finditer(r"\{\{.*?\}\}", seed)]
    if actions:
        s, e = rng.choice(actions)
        inner = seed[s + 2:e - 2]
        out.append(seed[:s] + "{{ (" + inner.strip(" -") + ") }}" + seed[e:])    # parenthesize
        out.append(seed[:s] + "{{ (" + inner.strip(" -") + " }}" + seed[e:])     # unclosed paren
        out.append(seed[:s] + "{{" + inner + ")}}" + seed[e:])                  # stray paren
        out.append(seed[:s] + "{{-" + inner + "-}}" + seed[e:])                 # trim without space
        out.append(seed[:s] + "{{- " + inner.strip() + " -}}" + seed[e:])      # trim markers
        out.append(seed[:s] + "{{/*" + inner + "*/}}" + seed[e:])               # commented out
        out.append(seed[:s] + "{{ /*" + inner + "*/ }}" + seed[e:])             # comment with spaces
        out.append(seed[:s] + "{{" + inner + "|}}" + seed[e:])                  # empty pipe stage
        out.append(seed[:s] + "{{" + inner + " | \"x\" }}" + seed[e:])          # literal as a stage
        out.append(seed[:s] + "{{" + inner + seed[e:])                          # unclosed action
    strings = [m.span() for m in re.finditer(r'"[^"]*"', seed)]
    if strings:
        s, e = rng.choice(strings)
        for esc in ["\\q", "\\x4", "\\x41", "\\u00e9", "\\ud800", "\\400", "\\101", "\\'", "\\\"", "\\t"]:
            out.append(seed[:e - 1] + esc + seed[e - 1:])
        out.append(seed[:s] + "`" + seed[s + 1:e - 1] + "`" + seed[e:])      # raw string
        out.append(seed[:s] + seed[s + 1:])                                   # unterminated
    if "$x" in seed:
        out.append(seed.replace("{{ $x := $labels.host }}", "{{ if true }}{{ $x := $labels.host }}{{ end }}"))
        out.append(seed.replace(":=", "=", 1))
        out.append(seed.replace(":=", ": =", 1))
    return out


def promtool_verdicts(templates):
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False, encoding="utf-8") as f:
        f.write("groups:\n- name: corpus\n  rules:\n")
        for t in templates:
            f.write("  - alert: T\n    expr: up == 0\n    annotations:\n      summary: %s\n" % json.dumps(t))
        path = f.name
    run = subprocess.run(["promtool", "check", "rules", path], capture_output=True, text=True)
    verdicts = {}
    for line in (run.stdout + run.stderr).splitlines():
        m = re.search(r'rule (\d+), "T": annotation "summary": (.*)$', line)
        if m:
            verdicts[int(m.group(1)) - 1] = m.group(2)
    if not verdicts and "SUCCESS" not in run.stdout + run.stderr:
        sys.exit("unexpected promtool output:\n" + run.stdout + run.stderr)
    return [verdicts.get(i, "accepted") for i in range(len(templates))]


def main():
    rng = random.Random(20261122)
    seen, corpus = set(), []
    for t in HAND + SEEDS + [m for s in SEEDS for m in mutations(s, rng)]:
        if t not in seen:
            seen.add(t)
            corpus.append(t)
    verdicts = promtool_verdicts(corpus)
    with open(OUT, "w", encoding="utf-8") as out:
        for t, v in zip(corpus, verdicts):
            out.write(json.dumps({"template": t, "promtool": v}, ensure_ascii=False) + "\n")
    bad = sum(v != "accepted" for v in verdicts)
    print(f"{len(corpus)} templates, {len(corpus) - bad} accepted, {bad} refused -> {OUT}")


if __name__ == "__main__":
    main()
