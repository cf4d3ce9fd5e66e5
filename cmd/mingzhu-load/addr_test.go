package main

import (
	"context"
	"net"
	"slices"
	"strings"
	"testing"
)

func TestParseAddr(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{in: "http://127.0.0.1:8080/", want: "http://127.0.0.1:8080"},
		{in: "127.0.0.1:18080", want: "http://127.0.0.1:18080"},
		{in: "http://127.8.9.10:80", want: "http://127.8.9.10:80"},
		{in: "http://[::1]:8080", want: "http://[::1]:8080"},
		{in: "https://[::1]", want: "https://[::1]"},
		{in: "http://localhost:8080", want: "http://127.0.0.1:8080"},
		{in: "http://LOCALHOST", want: "http://127.0.0.1"},
		{in: "http://[::ffff:127.0.0.1]:8080", want: "http://[::ffff:127.0.0.1]:8080"},
		{in: "http://10.0.0.1:8080", err: "not a loopback"},
		{in: "http://0.0.0.0:8080", err: "not a loopback"},
		{in: "http://192.168.1.5", err: "not a loopback"},
		{in: "http://[::]:8080", err: "not a loopback"},
		{in: "http://[2001:db8::1]:8080", err: "not a loopback"},
		{in: "http://[::ffff:8.8.8.8]:80", err: "not a loopback"},
		{in: "http://example.com", err: "not an IP address"},
		{in: "http://127.0.0.1.nip.io:8080", err: "not an IP address"},
		{in: "http://127.1:8080", err: "not an IP address"},
		{in: "http://2130706433", err: "not an IP address"},
		{in: "ftp://127.0.0.1", err: "scheme"},
		{in: "http://user:pw@127.0.0.1", err: "nothing else"},
		{in: "http://127.0.0.1:8080/api", err: "nothing else"},
		{in: "http://127.0.0.1:8080?x=1", err: "nothing else"},
		{in: "", err: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			u, err := parseAddr(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("parseAddr(%q) = %v, %v; want error containing %q", tc.in, u, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseAddr(%q): %v", tc.in, err)
			}
			if u.String() != tc.want {
				t.Fatalf("parseAddr(%q) = %s, want %s", tc.in, u, tc.want)
			}
		})
	}
}

func TestLoopbackDialRefuses(t *testing.T) {
	dial := loopbackDial(&net.Dialer{})
	for _, addr := range []string{"10.1.2.3:80", "example.com:80", "[2001:db8::1]:443", "nonsense"} {
		if c, err := dial(context.Background(), "tcp", addr); err == nil || !strings.Contains(err.Error(), "refusing") {
			if c != nil {
				c.Close()
			}
			t.Errorf("dial %s: err = %v, want refusal", addr, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := dial(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("dial loopback: %v", err)
	}
	c.Close()
}

func TestParseAddrs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  string
	}{
		{in: "http://127.0.0.1:8080", want: []string{"http://127.0.0.1:8080"}},
		{in: "127.0.0.1:8081,127.0.0.1:8082", want: []string{"http://127.0.0.1:8081", "http://127.0.0.1:8082"}},
		{in: "http://127.0.0.1:8081, http://127.0.0.1:8082 ,http://[::1]:8083",
			want: []string{"http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://[::1]:8083"}},
		{in: "", err: "-addr is empty"},
		{in: " ", err: "-addr is empty"},
		{in: "http://127.0.0.1:8081,", err: "address 2 of 2 is empty"},
		{in: ",http://127.0.0.1:8081", err: "address 1 of 2 is empty"},
		{in: "http://127.0.0.1:8081,,http://127.0.0.1:8082", err: "address 2 of 3 is empty"},
		{in: "http://127.0.0.1:8081,http://127.0.0.1:8081", err: "addresses 1 and 2 are both 127.0.0.1:8081"},
		{in: "http://localhost:8081,127.0.0.1:8081/", err: "addresses 1 and 2 are both 127.0.0.1:8081"},
		{in: "http://127.0.0.1,http://127.0.0.1:80", err: "addresses 1 and 2 are both 127.0.0.1:80"},
		{in: "http://127.0.0.1:8081,http://10.0.0.1:8082", err: `-addr "http://10.0.0.1:8082"`},
		{in: "http://127.0.0.1:8081,example.com", err: "not an IP address"},
		{in: "http://127.0.0.1:8081;http://127.0.0.1:8082", err: "-addr"},
		{in: strings.Repeat("127.0.0.1:1,", maxAddrs) + "127.0.0.1:2", err: "at most 16"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			us, err := parseAddrs(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "-addr") {
					t.Fatalf("parseAddrs(%q) = %v, %v; want an error naming -addr, containing %q", tc.in, us, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseAddrs(%q): %v", tc.in, err)
			}
			var got []string
			for _, u := range us {
				got = append(got, u.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("parseAddrs(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
