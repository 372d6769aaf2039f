package search

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
)

// decodedPosting is one posting as the browser reads it.
type decodedPosting struct {
	doc    int
	impact int
}

// inflate decodes a compressed shard's payload (base64 of zlib) to text, as
// static/js/search/inflate.ts does.
func inflate(payload string) (string, error) {
	z, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return "", err
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(r)
	return string(b), err
}

// decodeTermShard decodes a term shard's payload (the string argument, as
// the browser sees it) into its terms and postings, the way static/js/search/load.ts does.
func decodeTermShard(payload string) (terms []string, postings [][]decodedPosting, err error) {
	payload, err = inflate(payload)
	if err != nil {
		return nil, nil, err
	}
	if payload == "" {
		return nil, nil, nil
	}
	parts := strings.Split(payload, " ")
	if len(parts)%2 != 0 {
		return nil, nil, fmt.Errorf("odd number of fields: %d", len(parts))
	}
	var prev []uint16
	for k := 0; k < len(parts); k += 2 {
		coded := parts[k]
		shared := int(digitValue[coded[0]])
		if shared < 0 || shared > len(prev) {
			return nil, nil, fmt.Errorf("term %q: bad shared prefix", coded)
		}
		term := append(append([]uint16(nil), prev[:shared]...), utf16.Encode([]rune(coded[1:]))...)
		terms = append(terms, string(utf16.Decode(term)))
		prev = term
		var ps []decodedPosting
		p := parts[k+1]
		doc := 0
		for i := 0; i < len(p); {
			v, n, ok := readNum(p, i)
			if !ok {
				return nil, nil, fmt.Errorf("term %q: bad number at %d", terms[len(terms)-1], i)
			}
			i = n
			doc += v
			if i >= len(p) {
				return nil, nil, fmt.Errorf("missing impact")
			}
			ps = append(ps, decodedPosting{doc: doc, impact: int(digitValue[p[i]])})
			i++
		}
		postings = append(postings, ps)
	}
	return terms, postings, nil
}

// shardPayload returns the last argument of a shard file's call, unquoted.
func shardPayload(data []byte) (string, error) {
	s := strings.TrimSuffix(string(data), ");\n")
	i := strings.LastIndex(s, ",\"")
	if i < 0 {
		return "", fmt.Errorf("no payload")
	}
	return strconv.Unquote(s[i+1:])
}
