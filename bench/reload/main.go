// Command reload measures edit-to-reload latency of a live preview server:
// it starts the server on a copy-free site folder, edits one paragraph of
// one page N times, and for each edit measures the time from the file write
// to the build event (handbook's Server-Sent Events) and to the new HTML
// being served (polled, so Hugo's server is measured the same way).
//
//	go run ./bench/reload -site DIR -page content/a.md -url /a/ -- handbook serve -s DIR --addr 127.0.0.1:18181
//	go run ./bench/reload -site DIR -page content/a.md -url /a/ -- hugo server -s DIR --port 18182 --bind 127.0.0.1
//
// The server's address is taken from the first of its arguments that looks
// like HOST:PORT or from --port.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

func main() {
	site := flag.String("site", "", "the site folder the server serves")
	page := flag.String("page", "", "the Markdown file to edit, relative to -site")
	url := flag.String("url", "", "the URL path of that page")
	n := flag.Int("n", 20, "edits")
	flag.Parse()
	args := flag.Args()
	if *site == "" || *page == "" || *url == "" || len(args) == 0 {
		log.Fatal("reload: -site, -page, -url and a server command are required")
	}
	base := "http://" + addr(args)
	file := filepath.Join(*site, *page)
	orig, err := os.ReadFile(file)
	if err != nil {
		log.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(120 * time.Second)
	for {
		if resp, err := http.Get(base + *url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			log.Fatal("the server did not answer within 120 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	events := sse(base + "/_handbook/events")
	if events != nil {
		<-events // the state at connection
	}
	var toEvent, toHTML []time.Duration
	for i := 1; i <= *n; i++ {
		marker := fmt.Sprintf("reloadmark%d", i)
		edited := regexp.MustCompile(`(?m)^(¶\d+ )`).ReplaceAll(orig, []byte("${1}"+marker+" "))
		if bytes.Equal(edited, orig) {
			edited = append(append([]byte{}, orig...), []byte("\n\n"+marker+"\n")...)
		}
		time.Sleep(300 * time.Millisecond) // let the previous build settle
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			log.Fatal(err)
		}
		if events != nil {
			select {
			case <-events:
				toEvent = append(toEvent, time.Since(start))
			case <-time.After(30 * time.Second):
				log.Fatal("no build event within 30 s")
			}
		}
		for {
			resp, err := http.Get(base + *url)
			if err == nil {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if bytes.Contains(body, []byte(marker)) {
					toHTML = append(toHTML, time.Since(start))
					break
				}
			}
			if time.Since(start) > 30*time.Second {
				log.Fatal("the new HTML was not served within 30 s")
			}
			time.Sleep(time.Millisecond)
		}
	}
	if len(toEvent) > 0 {
		report("write → build event", toEvent)
	}
	report("write → new HTML served", toHTML)
}

func report(what string, d []time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	fmt.Printf("%-26s median %7.1f ms   worst %7.1f ms   (%d edits)\n", what,
		float64(s[len(s)/2])/1e6, float64(s[len(s)-1])/1e6, len(s))
}

// sse returns a channel that receives each Server-Sent Event's data, or nil
// when the server has no such stream (Hugo).
func sse(u string) chan string {
	resp, err := http.Get(u)
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		if resp != nil {
			resp.Body.Close()
		}
		return nil
	}
	ch := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ch <- d
			}
		}
	}()
	return ch
}

var hostPort = regexp.MustCompile(`^[\w.\-\[\]:]+:\d+$`)

func addr(args []string) string {
	for i, a := range args {
		if hostPort.MatchString(a) {
			return a
		}
		if a == "--port" && i+1 < len(args) {
			return "127.0.0.1:" + args[i+1]
		}
	}
	return "127.0.0.1:1313"
}
