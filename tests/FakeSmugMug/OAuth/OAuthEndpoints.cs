using System.Net;
using FakeSmugMug.Hosting;

namespace FakeSmugMug.OAuth;

/// <summary>The three legs of SmugMug's OAuth 1.0a flow under /services/oauth/1.0a.</summary>
public static class OAuthEndpoints
{
    public const string Prefix = "/services/oauth/1.0a";

    public static async Task RequestTokenAsync(HttpContext http, ServerState state)
    {
        var oauth = await OAuthRequest.ReadAsync(http.Request, http.RequestAborted);
        var check = state.Verifier.Verify(oauth, OAuthTokenKind.None);
        if (!check.Ok)
        {
            await FormReply(http, 401, $"oauth_problem={OAuthEncoding.Encode(check.Problem!)}");
            return;
        }

        if (string.IsNullOrEmpty(oauth.Get("oauth_callback")))
        {
            await FormReply(http, 400, "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback");
            return;
        }

        var rt = state.Tokens.CreateRequestToken(oauth.Get("oauth_callback")!);
        await FormReply(http, 200, $"oauth_token={OAuthEncoding.Encode(rt.Token)}&oauth_token_secret={OAuthEncoding.Encode(rt.Secret)}&oauth_callback_confirmed=true");
    }

    public static async Task AccessTokenAsync(HttpContext http, ServerState state)
    {
        var oauth = await OAuthRequest.ReadAsync(http.Request, http.RequestAborted);
        var check = state.Verifier.Verify(oauth, OAuthTokenKind.Request);
        if (!check.Ok)
        {
            await FormReply(http, 401, $"oauth_problem={OAuthEncoding.Encode(check.Problem!)}");
            return;
        }

        var at = state.Tokens.Exchange(check.RequestToken!, oauth.Get("oauth_verifier"));
        if (at is null)
        {
            await FormReply(http, 401, "oauth_problem=verifier_invalid");
            return;
        }

        await FormReply(http, 200, $"oauth_token={OAuthEncoding.Encode(at.Token)}&oauth_token_secret={OAuthEncoding.Encode(at.Secret)}");
    }

    public static async Task AuthorizePageAsync(HttpContext http, ServerState state)
    {
        var q = http.Request.Query;
        var token = q["oauth_token"].ToString();
        var rt = state.Tokens.FindLiveRequestToken(token);
        if (rt is null)
        {
            await Html(http, 400, "<h1>This authorization request has expired</h1><p id=\"error\">Unknown, used or expired oauth_token.</p>");
            return;
        }

        var access = q["Access"].ToString();
        var permissions = q["Permissions"].ToString();
        var requested = OAuthGrant.Parse(access, permissions);
        var existing = state.Tokens.AccountGrant;
        var note = existing is not null && existing != requested
            ? $"<p id=\"existing-grant\">You already granted this app Access={existing.Access}, Permissions={existing.Permissions}; change it in account settings.</p>"
            : string.Empty;
        var e = (string s) => WebUtility.HtmlEncode(s);
        await Html(http, 200, $"""
            <h1>Authorize application</h1>
            <p>An application wants to access <strong>{e(state.Library.DisplayName)}</strong>'s SmugMug account (@{e(state.Library.NickName)}).</p>
            <p id="requested">Access: <span id="access">{requested.Access}</span>, Permissions: <span id="permissions">{requested.Permissions}</span></p>
            {note}
            <form method="post" action="{Prefix}/authorize">
              <input type="hidden" name="oauth_token" value="{e(token)}">
              <input type="hidden" name="Access" value="{e(access)}">
              <input type="hidden" name="Permissions" value="{e(permissions)}">
              <button id="approve" type="submit" name="decision" value="approve">Approve</button>
              <button id="deny" type="submit" name="decision" value="deny">Deny</button>
            </form>
            """);
    }

    public static async Task AuthorizeSubmitAsync(HttpContext http, ServerState state)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = form["oauth_token"].ToString();
        var live = state.Tokens.FindLiveRequestToken(token);
        if (live is null)
        {
            await Html(http, 400, "<h1>This authorization request has expired</h1>");
            return;
        }

        if (form["decision"] == "deny")
        {
            await Html(http, 200, "<h1>Access denied</h1><p id=\"denied\">The application was not authorized.</p>");
            return;
        }

        var rt = state.Tokens.Approve(token, OAuthGrant.Parse(form["Access"], form["Permissions"]))!;
        if (rt.Callback == "oob")
        {
            await Html(http, 200, $"<h1>Authorized</h1><p>Enter this code in the application: <code id=\"verifier\">{WebUtility.HtmlEncode(rt.Verifier!)}</code></p>");
            return;
        }

        var separator = rt.Callback.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        http.Response.Redirect($"{rt.Callback}{separator}oauth_token={OAuthEncoding.Encode(rt.Token)}&oauth_verifier={OAuthEncoding.Encode(rt.Verifier!)}");
    }

    private static async Task FormReply(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/x-www-form-urlencoded";
        await http.Response.WriteAsync(body, http.RequestAborted);
    }

    private static async Task Html(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SmugMug (fake) authorization</title></head><body>{body}</body></html>",
            http.RequestAborted);
    }
}
