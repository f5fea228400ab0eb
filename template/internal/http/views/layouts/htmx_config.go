// Package layouts holds the HTML documents that wrap every full page.
package layouts

import "encoding/json"

// htmxResponse is one rule of htmx's responseHandling config.
type htmxResponse struct {
	Code  string `json:"code"`
	Swap  bool   `json:"swap"`
	Error bool   `json:"error,omitempty"`
}

// htmxConfig is the part of htmx's configuration that the server decides; htmx reads it from
// <meta name="htmx-config"> on page load.
type htmxConfig struct {
	// SelfRequestsOnly keeps hx-get and friends on this origin.
	SelfRequestsOnly bool `json:"selfRequestsOnly"`
	// AllowEval is false because the Content-Security-Policy forbids eval anyway.
	AllowEval bool `json:"allowEval"`
	// IncludeIndicatorStyles is false: htmx would inject an inline <style>; app.css has them.
	IncludeIndicatorStyles bool `json:"includeIndicatorStyles"`
	// InlineScriptNonce lets scripts in swapped content run under the page's CSP.
	InlineScriptNonce string `json:"inlineScriptNonce"`
	// HistoryRestoreAsHxRequest is false because handlers answer HX-Request with fragments, and a
	// history cache miss needs the full page.
	HistoryRestoreAsHxRequest bool `json:"historyRestoreAsHxRequest"`
	// ResponseHandling also swaps 422, the status of a form re-rendered with validation errors.
	ResponseHandling []htmxResponse `json:"responseHandling"`
}

// htmxConfigJSON returns the htmx-config meta content for a page rendered with nonce.
func htmxConfigJSON(nonce string) string {
	// json.Marshal cannot fail on a struct of strings, bools and slices of them.
	b, _ := json.Marshal(htmxConfig{
		SelfRequestsOnly:          true,
		AllowEval:                 false,
		IncludeIndicatorStyles:    false,
		InlineScriptNonce:         nonce,
		HistoryRestoreAsHxRequest: false,
		ResponseHandling: []htmxResponse{
			{Code: "204", Swap: false},
			{Code: "[23]..", Swap: true},
			{Code: "422", Swap: true},
			{Code: "[45]..", Swap: false, Error: true},
			{Code: "...", Swap: false},
		},
	})
	return string(b)
}
