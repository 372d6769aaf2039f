package assets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/handbook-ssg/handbook/internal/source"
)

// An isolated bundle runs in a child process: the program itself
// (os.Executable), started with ChildEnv set to "1", whose main must then
// call ServeChild before anything else. The two speak JSON values over the
// child's standard input and output:
//
//	parent → child  the job (Options but Isolate);
//	child → parent  requests to stat or read a file, each answered by the
//	                parent from its file system;
//	child → parent  the result: the manifest and files, or the errors.
//
// The child reads nothing itself: every file comes from the parent's file
// system, with its checks (sitefs's links, pipes and limits) as they are.

// ChildEnv is the environment variable that makes the program an isolated
// bundle's child.
const ChildEnv = "HANDBOOK_BUNDLER_CHILD"

// job is what the child is to do: bundle, or with Probe, parse and print
// that one file alone (to learn which file crashed a bundle).
type job struct {
	Generated []byte
	NoMinify  bool
	Probe     string
}

// request is a message from the child.
type request struct {
	Op   string // "stat", "read" or "done"
	Name string // the file, for stat and read

	// done:
	Manifest Manifest
	Files    []File
	Errors   []*source.Error // problems in the site's files
	Failure  string          // any other failure
}

// reply is the parent's answer to a stat or read.
type reply struct {
	Exists, IsDir bool
	Data          []byte
	Err           *source.Error
}

// ServeChild is an isolated bundle's child: it reads the job from in,
// bundles, reading every file through requests on out answered on in, and
// writes the result to out. It returns the process's exit code.
func ServeChild(in io.Reader, out io.Writer) int {
	dec := json.NewDecoder(bufio.NewReader(in))
	bw := bufio.NewWriter(out)
	enc := json.NewEncoder(bw)
	// A stack of 256 MB holds any script a person writes; esbuild reaches
	// it at some 50,000 levels of nesting, and the crash then comes sooner
	// and costs less memory than at the default's 1 GB.
	debug.SetMaxStack(256 << 20)
	var j job
	if err := dec.Decode(&j); err != nil {
		fmt.Fprintf(os.Stderr, "handbook bundler: %v\n", err)
		return 2
	}
	rf := &remoteFiles{dec: dec, enc: enc, w: bw}
	done := request{Op: "done"}
	opt := Options{Generated: j.Generated, NoMinify: j.NoMinify}
	if j.Probe != "" {
		if data, e := rf.read(j.Probe); e == nil {
			probe(j.Probe, data, opt)
		}
	} else {
		man, files, err := bundle(context.Background(), rf, opt)
		done.Manifest, done.Files = man, files
		var le *source.ListError
		switch {
		case errors.As(err, &le):
			done.Errors = le.List.Errors()
		case err != nil:
			done.Failure = err.Error()
		}
	}
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if err := enc.Encode(done); err != nil || bw.Flush() != nil {
		return 2
	}
	return 0
}

// probe parses and prints one file as the bundle would, for its crash
// alone.
func probe(name string, data []byte, opt Options) {
	api.Transform(string(data), api.TransformOptions{
		Loader:            loaderFor(name),
		MinifyWhitespace:  !opt.NoMinify,
		MinifyIdentifiers: !opt.NoMinify,
		MinifySyntax:      !opt.NoMinify,
		Target:            api.ES2020,
		Charset:           api.CharsetUTF8,
	})
}

// remoteFiles reads files through the parent. esbuild calls the plugin
// from several goroutines; one request is answered at a time.
type remoteFiles struct {
	mu  sync.Mutex
	dec *json.Decoder
	enc *json.Encoder
	w   *bufio.Writer
}

func (r *remoteFiles) ask(op, name string) reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	var rep reply
	err := r.enc.Encode(request{Op: op, Name: name})
	if err == nil {
		err = r.w.Flush()
	}
	if err == nil {
		err = r.dec.Decode(&rep)
	}
	if err != nil {
		// The parent is gone: nothing more can be read or reported.
		os.Exit(2)
	}
	return rep
}

func (r *remoteFiles) stat(name string) (exists, isDir bool, e *source.Error) {
	rep := r.ask("stat", name)
	return rep.Exists, rep.IsDir, rep.Err
}

func (r *remoteFiles) read(name string) ([]byte, *source.Error) {
	rep := r.ask("read", name)
	if rep.Err != nil {
		return nil, rep.Err
	}
	return rep.Data, nil
}

// bundleInChild bundles in a child process, answering its requests from
// fsys. A child that ends without a result (it crashed) is an error at the
// file that crashes it alone, found by parsing each file the child read in
// a child of its own.
func bundleInChild(ctx context.Context, fsys fs.FS, opt Options) (Manifest, []File, error) {
	j := job{Generated: opt.Generated, NoMinify: opt.NoMinify}
	done, read, why, err := runChild(ctx, fsys, j)
	if err != nil {
		return nil, nil, err
	}
	if done == nil {
		culprit := ""
		for _, name := range read {
			j.Probe = name
			d, _, _, err := runChild(ctx, fsys, j)
			if err != nil {
				return nil, nil, err
			}
			if d == nil {
				culprit = name
				break
			}
		}
		return nil, nil, crashed(culprit, read, why)
	}
	if done.Failure != "" {
		return nil, nil, errors.New(done.Failure)
	}
	if len(done.Errors) > 0 {
		var errs source.List
		for _, e := range done.Errors {
			errs.Add(e)
		}
		return nil, nil, errs.Err()
	}
	return done.Manifest, done.Files, nil
}

// runChild runs a child on job, answering its requests from fsys. It
// returns the child's result, or nil if it ended without one, with the
// files it read (in order, each once) and the first line it wrote to its
// standard error (the runtime's reason for a crash). err is a failure to
// run it at all, or ctx's error.
func runChild(ctx context.Context, fsys fs.FS, j job) (done *request, read []string, why string, err error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, "", fmt.Errorf("starting the bundler: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), ChildEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, left: 4 << 10}
	toChild, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, "", fmt.Errorf("starting the bundler: %w", err)
	}
	fromChild, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, "", fmt.Errorf("starting the bundler: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, "", fmt.Errorf("starting the bundler: %w", err)
	}
	local := localFiles{fsys}
	bw := bufio.NewWriter(toChild)
	enc := json.NewEncoder(bw)
	dec := json.NewDecoder(bufio.NewReader(fromChild))
	seen := map[string]bool{}
	werr := enc.Encode(j)
	if werr == nil {
		werr = bw.Flush()
	}
	for werr == nil && done == nil {
		var req request
		if werr = dec.Decode(&req); werr != nil {
			break
		}
		var rep reply
		switch req.Op {
		case "stat":
			rep.Exists, rep.IsDir, rep.Err = local.stat(req.Name)
		case "read":
			if !seen[req.Name] {
				seen[req.Name] = true
				read = append(read, req.Name)
			}
			rep.Data, rep.Err = local.read(req.Name)
		case "done":
			done = &req
			continue
		default:
			werr = fmt.Errorf("the bundler asked %q", req.Op)
			continue
		}
		if werr = enc.Encode(rep); werr == nil {
			werr = bw.Flush()
		}
	}
	toChild.Close()
	if err := cmd.Wait(); err != nil && done != nil {
		done = nil // it wrote a result, then failed: no result to trust
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, "", err
	}
	why = strings.TrimSpace(stderr.String())
	if i := strings.IndexByte(why, '\n'); i >= 0 {
		why = why[:i]
	}
	if why == "" && werr != nil {
		why = werr.Error()
	}
	return done, read, why, nil
}

// crashed is the error of a child that ended without a result, at the
// file that crashed it alone, or else at the first file it read (a crash
// of the bundle as a whole, of no one file), with the runtime's reason
// ("runtime: goroutine stack exceeds 268435456-byte limit").
func crashed(culprit string, read []string, why string) error {
	pos := source.Pos{File: "static"}
	msg := "the bundler (esbuild) crashed while it read this file: %s"
	switch {
	case culprit != "":
		pos.File = culprit
	case len(read) > 0:
		pos.File = read[0]
		msg = "the bundler (esbuild) crashed on the files this one imports, though on none alone: %s"
	}
	var errs source.List
	errs.Addf(pos, msg, why).Hint =
		"esbuild overflows its stack on code nested many thousands deep (brackets, blocks, operators such as !!!…, a => a => …); write it less deeply nested"
	return errs.Err()
}

// limitedBuffer keeps the first bytes written to it, up to left.
type limitedBuffer struct {
	buf  *bytes.Buffer
	left int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	n := min(len(p), l.left)
	l.buf.Write(p[:n])
	l.left -= n
	return len(p), nil
}
