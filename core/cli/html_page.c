/*
 * html_page.c - the style sheet, script and colours of the classify
 * report, its stamp, and text as HTML with the repair of mis-decoded
 * text (see html_page.h).
 */
#include "html_page.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sift/sift.h"

/* Colours for up to eight labels, in label order. */
static const char *const colours[] = {"#f6c7c7", "#c7d9f6", "#f6e3b0",
                                      "#d3ecc9", "#e3cdf2", "#c9ecec",
                                      "#f2d1e4", "#dddddd"};

const char *html_colour(size_t k)
{
    return colours[k % 8];
}

/* What follows "a-circumflex euro" (E2 80 xx seen as cp1252) and the
 * xx it stood for. */
static const struct {
    const char *seen;
    unsigned char was;
} punct[] = {
    {"\xCB\x9C", 0x98},     /* left single quote */
    {"\xE2\x84\xA2", 0x99}, /* right single quote, apostrophe */
    {"\xC5\x93", 0x9C},     /* left double quote */
    {"\xC2\x9D", 0x9D},     /* right double quote */
    {"\xE2\x80\x9C", 0x93}, /* en dash */
    {"\xE2\x80\x9D", 0x94}, /* em dash */
    {"\xC2\xA6", 0xA6},     /* ellipsis */
    {"\xC2\xA2", 0xA2},     /* bullet */
};

size_t html_fix(const char *t, size_t n, char good[3], size_t *glen)
{
    const unsigned char *u = (const unsigned char *)t;
    if (n >= 7 && !memcmp(t, "\xC3\xA2\xE2\x82\xAC", 5)) {
        for (size_t i = 0; i < sizeof punct / sizeof *punct; i++) {
            size_t k = strlen(punct[i].seen);
            if (n >= 5 + k && !memcmp(t + 5, punct[i].seen, k)) {
                good[0] = '\xE2';
                good[1] = '\x80';
                good[2] = (char)punct[i].was;
                *glen = 3;
                return 5 + k;
            }
        }
    }
    /* U+00A0..U+00BF and U+00E0..U+00FF: lead byte seen as A-circumflex
     * or A-tilde, trail byte as a Latin-1 sign. */
    if (n >= 4 && u[0] == 0xC3 && (u[1] == 0x82 || u[1] == 0x83) &&
        u[2] == 0xC2 && u[3] >= 0xA0 && u[3] <= 0xBF) {
        good[0] = u[1] == 0x82 ? '\xC2' : '\xC3';
        good[1] = (char)u[3];
        *glen = 2;
        return 4;
    }
    return 0;
}

/* Text as HTML: markup characters as entities, control bytes as
 * spaces, bytes that are not UTF-8 as U+FFFD (the page says utf-8).
 * With fix, mis-decoded punctuation and letters are repaired (see
 * html_fix) and marked. */
void html_put_text(FILE *f, const char *t, size_t n, int fix)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        size_t k = c < 0x80 ? 1 : cli_utf8_char(t + i, n - i), used, g;
        char good[3];
        if (fix && c == 0xC3 && (used = html_fix(t + i, n - i, good, &g))) {
            fputs("<span class=\"fx\" title=\"repaired: the source had "
                  "this character mis-encoded\">", f);
            fwrite(good, 1, g, f);
            fputs("</span>", f);
            i += used;
            continue;
        }
        if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '&')
            fputs("&amp;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c < 0x20 || c == 0x7F)
            putc(' ', f);
        else if (k == 0)
            fputs("\xEF\xBF\xBD", f);
        else
            fwrite(t + i, 1, k, f);
        i += k ? k : 1;
    }
}

void html_put_str(FILE *f, const char *s)
{
    html_put_text(f, s, strlen(s), 0);
}

/* "2024-05-01 12:00 UTC" from $SOURCE_DATE_EPOCH, else now. */
static void stamp_date(char *buf, size_t size)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end;
    time_t t = time(NULL);
    struct tm tm;
    if (e && *e) {
        long long v = strtoll(e, &end, 10);
        if (!*end && v >= 0)
            t = (time_t)v;
    }
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm))
        snprintf(buf, size, "unknown date");
}

void html_put_stamp(FILE *f, const struct sift_pipeline *p,
                      const char *model, const char *ini)
{
    char date[64];
    stamp_date(date, sizeof date);
    fputs("<p class=\"stamp\">Model <b>", f);
    const char *name = sift_pipeline_name(p);
    html_put_str(f, name ? name : "(unnamed)");
    if (model) {
        fputs("</b> from <code>", f);
        html_put_str(f, model);
    } else {
        fputs("</b> via <code>", f);
        html_put_str(f, ini ? ini : cli_default_ini() ? cli_default_ini()
                                                 : "pipeline.ini");
    }
    fprintf(f, "</code> · sift %s · ", sift_version());
    html_put_str(f, date);
    fputs("</p>\n", f);
}

/* s for a URL fragment: letters, digits and -._ as they are, the rest
 * percent-encoded. */
void html_put_fragment(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || strchr("-._", c))
            putc(c, f);
        else
            fprintf(f, "%%%02X", c);
    }
}

const char *const html_css[] = {
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.6 Georgia,'DejaVu Serif',serif;color:#222;"
    "background:#fff;display:grid;grid-template-columns:22em minmax(0,1fr);"
    "grid-template-areas:'top top' 'toc sum' 'toc view' 'toc docs';"
    "column-gap:2.5em}\n"
    "#top{grid-area:top;padding:.8em 1.5em .6em;border-bottom:1px solid #ccc;"
    "font-family:sans-serif;display:flex;flex-wrap:wrap;align-items:baseline;"
    "gap:.3em 1.5em}\n"
    "#top h1{font-size:1.3em;margin:0}\n"
    ".stamp,.skip{color:#555;font-size:.85em;margin:0}\n"
    "#sum{grid-area:sum}#view{grid-area:view}#docs{grid-area:docs}\n"
    "#sum,#view,#docs{max-width:46em;padding-right:1em}\n"
    "h2{font:bold 1.05em sans-serif;margin:1.2em 0 .5em}\n"
    "#sum p{font:14px sans-serif;color:#444}\n"
    ".chart{font:14px sans-serif;display:grid;gap:.35em .8em;"
    "grid-template-columns:max-content minmax(8em,1fr) max-content;"
    "align-items:center}\n"
    ".bar{background:#f1f1f1;height:1.1em;border-radius:3px}\n"
    ".bar span{display:block;height:100%;border-radius:3px;"
    "box-shadow:inset 0 0 0 1px rgba(0,0,0,.15)}\n"
    ".num{font-variant-numeric:tabular-nums;text-align:right}\n"
    ".num small{color:#777}\n"
    ".lv{color:#124}html:not(.js) .lv{color:inherit;text-decoration:none;"
    "pointer-events:none}\n"
    ".jsonly{display:none}.js .jsonly{display:initial}\n"
    ,
    "#toc{grid-area:toc;position:sticky;top:0;align-self:start;"
    "max-height:100vh;overflow:auto;font:13px/1.35 sans-serif;"
    "border-right:1px solid #ccc;padding:0 .6em 1em 1em;background:#fafafa}\n"
    "#toc h2 small{font-weight:normal;color:#666}\n"
    "#toc input{width:100%;margin:0 0 .5em;font:inherit;padding:.2em .4em}\n"
    "#toc table{border-collapse:collapse;width:100%}\n"
    "#toc th{font-weight:normal;color:#555;position:sticky;top:0;"
    "background:#fafafa}\n"
    "#toc td,#toc th{padding:.25em .2em;vertical-align:top;text-align:right}"
    "\n#toc .d{text-align:left}\n"
    "#toc tbody tr{border-top:1px solid #e6e6e6}\n"
    "#toc tbody tr:hover{background:#eef3fa}\n"
    "#toc a{color:#124;text-decoration:none}\n"
    "#toc .p{display:block;color:#888;font-size:11px;word-break:break-all}\n"
    "#toc .i,.z{color:#aaa}\n"
    ".pill{display:inline-block;border-radius:9px;padding:0 .45em;"
    "font:12px/1.5 sans-serif;color:#222;"
    "box-shadow:inset 0 0 0 1px rgba(0,0,0,.12)}\n"
    "#view{background:#f7f9fc;border:1px solid #cdd7e6;border-radius:6px;"
    "padding:0 1em .8em;margin-top:1em}\n"
    ".vc{font:14px sans-serif;display:flex;flex-wrap:wrap;gap:.4em 1em;"
    "align-items:center}\n"
    ".vb{padding:.1em .6em;border-radius:4px;color:#222;"
    "text-decoration:none;box-shadow:inset 0 0 0 1px rgba(0,0,0,.2)}\n"
    ".vb.on{box-shadow:inset 0 0 0 2px #124;font-weight:bold}\n"
    "#vq{font:inherit;padding:.15em .4em;min-width:14em}\n"
    "#vn{color:#555}\n"
    "#vl{max-height:70vh;overflow:auto;padding-left:2.6em;margin:.6em 0 0}\n"
    "#vl li{margin:.35em 0}#vl a{color:#222;text-decoration:none}\n"
    "#vl a:hover{text-decoration:underline}\n"
    "#vl .src{display:block;font:12px sans-serif;color:#777}\n"
    ,
    ".doc{border-top:3px solid #333;margin:2.2em 0 0;padding-top:.4em}\n"
    ".dh{font:13px sans-serif;color:#555;display:flex;flex-wrap:wrap;"
    "gap:.3em .5em;align-items:baseline}\n"
    ".path{font-family:monospace;word-break:break-all;margin-right:.5em}\n"
    ".hd{font:bold 1.45em/1.3 sans-serif;margin:.4em 0 .5em}\n"
    ".ln{font:italic .9em/1.4 sans-serif;color:#555;margin:.2em 0 .4em}\n"
    ".doc p{margin:.2em 0 .9em}\n"
    ".doc footer{font:12px sans-serif;margin:.3em 0}\n"
    ".doc footer a{color:#777}\n"
    ".s{border-radius:3px;padding:.08em .1em;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}\n"
    ".b{font:11px/1.3 sans-serif;color:#333;border-radius:8px;"
    "padding:0 .4em;margin-left:.3em;white-space:nowrap;"
    "vertical-align:.1em;box-shadow:inset 0 0 0 1px rgba(0,0,0,.3)}\n"
    "label.b{cursor:pointer}label.b:hover{box-shadow:inset 0 0 0 2px #124}\n"
    ".b.u{color:#777;background:#fff;box-shadow:inset 0 0 0 1px #bbb}\n"
    ".wx{position:absolute;opacity:0;width:1px;height:1px;margin:0}\n"
    ".why{display:none;font:12px/1.4 sans-serif;background:#fffbe6;"
    "border:1px solid #e0cf70;border-radius:4px;padding:.05em .4em;"
    "margin-left:.3em}\n"
    ".wx:checked+.why{display:inline}\n"
    ".wx:focus-visible+.why,.wx:focus+.why{outline:2px solid #124}\n"
    ".why q{font-weight:bold}.why i{color:#555}\n"
    ".fx{border-bottom:1px dotted #999}\n"
    ":target{outline:3px solid #f90;outline-offset:2px}\n"
    "@media (max-width:60em){body{grid-template-columns:minmax(0,1fr);"
    "grid-template-areas:'top' 'sum' 'toc' 'view' 'docs'}\n"
    "#toc{position:static;max-height:50vh;border:1px solid #ccc;"
    "margin:0 .6em}#sum,#view,#docs{padding:0 .8em}}\n"
    "@media print{body{display:block}#toc{position:static;max-height:none}"
    "#view,#toc input{display:none}}\n",
    NULL};

const char *const html_js[] = {
    "(function(){\n"
    "var d=document,V=d.getElementById('view'),ol=d.getElementById('vl'),\n"
    " mi=d.getElementById('vmin'),mo=d.getElementById('vmo'),\n"
    " q=d.getElementById('vq'),vn=d.getElementById('vn'),\n"
    " vh=d.getElementById('vh'),tq=d.getElementById('tq'),\n"
    " B=[].slice.call(d.querySelectorAll('#view .vb')),\n"
    " L=B.map(function(b){return b.textContent;}),cur=-1,T={};\n"
    "d.documentElement.classList.add('js');\n"
    "[].forEach.call(d.querySelectorAll('#toc tr[data-d]'),function(r){\n"
    " T[r.getAttribute('data-d')]=r.querySelector('a').textContent;});\n"
    "function item(s,k){var li=d.createElement('li'),\n"
    " b=d.createElement('span'),a=d.createElement('a'),\n"
    " o=d.createElement('span'),doc=s.closest('.doc');\n"
    " li.setAttribute('data-c',s.getAttribute('data-c'));\n"
    " li.setAttribute('data-s',s.id);\n"
    " b.className='b k'+k;\n"
    " b.textContent=(+s.getAttribute('data-c')).toFixed(2);\n"
    " a.href='#'+s.id;a.textContent=s.querySelector('.t').textContent;\n"
    " o.className='src';o.textContent=T[doc.id]||doc.id;\n"
    " li.appendChild(b);li.appendChild(d.createTextNode(' '));\n"
    " li.appendChild(a);li.appendChild(o);return li;}\n"
    "function build(k){var f=d.createDocumentFragment();cur=k;\n"
    " ol.textContent='';\n"
    " [].forEach.call(d.querySelectorAll('#docs .s[data-l=\"'+k+'\"]'),\n"
    "  function(s){f.appendChild(item(s,k));});\n"
    " ol.appendChild(f);\n"
    " vh.textContent='Every \\u201c'+L[k]+'\\u201d sentence, all documents';\n"
    " B.forEach(function(b,i){b.classList.toggle('on',i===k);});\n"
    " V.hidden=false;filter();}\n"
    ,
    "function filter(){var m=+mi.value,t=q.value.toLowerCase(),n=0,\n"
    " c=ol.children;mo.textContent=m.toFixed(2);\n"
    " for(var i=0;i<c.length;i++){var ok=+c[i].getAttribute('data-c')>=m&&\n"
    "  (!t||c[i].textContent.toLowerCase().indexOf(t)>=0);\n"
    "  c[i].hidden=!ok;if(ok)n++;}\n"
    " vn.textContent=n+' of '+c.length+' shown';}\n"
    "function fromHash(){var h=location.hash.slice(1),kv={};\n"
    " if(h.indexOf('view=')!==0)return;\n"
    " h.split('&').forEach(function(p){var i=p.indexOf('=');\n"
    "  try{kv[p.slice(0,i)]=decodeURIComponent(p.slice(i+1));}catch(e){}});\n"
    " var k=L.indexOf(kv.view);if(k<0)return;\n"
    " mi.value=kv.min||0;q.value=kv.q||'';build(k);\n"
    " if(V.getBoundingClientRect().top>innerHeight/2)V.scrollIntoView();}\n"
    "function keep(){if(cur<0)return;\n"
    " var h='#view='+encodeURIComponent(L[cur])+\n"
    "  (+mi.value?'&min='+mi.value:'')+\n"
    "  (q.value?'&q='+encodeURIComponent(q.value):'');\n"
    " try{history.replaceState(null,'',h);}catch(e){}}\n"
    "function both(){filter();keep();}\n"
    "mi.addEventListener('input',both);q.addEventListener('input',both);\n"
    "d.getElementById('vx').addEventListener('click',function(){\n"
    " V.hidden=true;cur=-1;});\n"
    "tq.addEventListener('input',function(){var t=tq.value.toLowerCase();\n"
    " [].forEach.call(d.querySelectorAll('#toc tbody tr'),function(r){\n"
    "  r.hidden=!!t&&r.textContent.toLowerCase().indexOf(t)<0;});});\n"
    "window.addEventListener('hashchange',fromHash);\n"
    "fromHash();})();\n",
    NULL};
