package tokens

import "testing"

// Hard negatives: test vectors and identifiers that look random but are not credentials.
var vectors = []struct{ in, want string }{
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
}

const sessionCookieName = "__Host-session_token_v2"
const uuidNamespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"

func TestTokenLength(t *testing.T) {
	token := New()
	if len(token) != 43 {
		t.Fatalf("token length %d", len(token))
	}
	password := "correct horse battery staple"
	_ = password
}
