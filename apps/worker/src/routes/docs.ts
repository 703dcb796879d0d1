import type { createRouter } from "../lib/router.js";

/**
 * `/docs` is a self-contained page (no CDN, works offline): it fetches `/openapi.json`, lists every
 * operation with its parameters, body and response schemas, and can send a request with an API key.
 * Hand-written because the usual viewers (Scalar, Swagger UI) load from a CDN or weigh megabytes.
 */
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pulsebridge API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:12px 20px;display:flex;gap:12px;align-items:center}
header input{flex:1;max-width:520px;padding:6px;font-family:monospace}
main{max-width:1100px;margin:0 auto;padding:16px}
details{background:#fff;border:1px solid #d8dce3;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:8px 12px;display:flex;gap:10px;align-items:baseline}
.m{font:bold 12px monospace;padding:2px 6px;border-radius:4px;color:#fff;min-width:52px;text-align:center}
.get{background:#2f7d32}.post{background:#1565c0}.put{background:#ef6c00}.delete{background:#c62828}
.body{padding:8px 14px;border-top:1px solid #eee}
pre{background:#f3f4f6;padding:8px;overflow:auto;max-height:360px;font-size:12px}
textarea{width:100%;min-height:90px;font-family:monospace}
button{padding:4px 12px}
</style></head><body>
<header><strong>pulsebridge API</strong><label for="key">API key</label>
<input id="key" type="password" placeholder="pb_xxxxxxxx_…" autocomplete="off"></header>
<main id="ops">Loading /openapi.json…</main>
<script>
const el=(t,a={},...k)=>{const e=document.createElement(t);Object.assign(e,a);e.append(...k);return e};
const refs=(doc,s,depth=0)=>{if(!s||depth>8)return s;if(s.$ref){const n=s.$ref.split('/').pop();return refs(doc,doc.components.schemas[n],depth+1)}
 if(Array.isArray(s))return s.map(x=>refs(doc,x,depth+1));if(typeof s==='object'){const o={};for(const[k,v]of Object.entries(s))o[k]=refs(doc,v,depth+1);return o}return s};
fetch('openapi.json').then(r=>r.json()).then(doc=>{
 const root=document.getElementById('ops');root.textContent='';
 root.append(el('p',{textContent:(doc.info.description||'')+' — OpenAPI '+doc.openapi}));
 for(const[path,item]of Object.entries(doc.paths))for(const[method,op]of Object.entries(item)){
  const params=(op.parameters||[]);const body=op.requestBody?.content?.['application/json']?.schema;
  const d=el('details',{},el('summary',{},el('span',{className:'m '+method,textContent:method.toUpperCase()}),el('code',{textContent:path}),el('span',{textContent:op.summary||''})));
  const b=el('div',{className:'body'});
  if(params.length)b.append(el('h4',{textContent:'Parameters'}),el('pre',{textContent:params.map(p=>p.in+' '+p.name+(p.required?' (required)':'')+': '+JSON.stringify(p.schema)).join('\\n')}));
  if(body)b.append(el('h4',{textContent:'Body'}),el('pre',{textContent:JSON.stringify(refs(doc,body),null,2)}));
  b.append(el('h4',{textContent:'Responses'}),el('pre',{textContent:Object.entries(op.responses||{}).map(([s,r])=>s+' '+r.description).join('\\n')}));
  const inputs={};for(const p of params){if(p.in==='header')continue;inputs[p.name]=el('input',{placeholder:p.in+': '+p.name});b.append(inputs[p.name],' ')}
  const ta=body?el('textarea',{value:'{}'}):null;if(ta)b.append(ta);
  const out=el('pre',{textContent:''});
  b.append(el('div',{},el('button',{textContent:'Send',onclick:async()=>{
   let url=path;const qs=new URLSearchParams();for(const p of params){const v=inputs[p.name]?.value;if(!v)continue;if(p.in==='path')url=url.replace('{'+p.name+'}',encodeURIComponent(v));else if(p.in==='query')qs.set(p.name,v)}
   const h={};const k=document.getElementById('key').value.trim();if(k)h.authorization='Bearer '+k;if(ta){h['content-type']='application/json';h['idempotency-key']=crypto.randomUUID()}
   const r=await fetch(url.replace(/^\\//,'')+(qs.size?'?'+qs:''),{method:method.toUpperCase(),headers:h,body:ta?ta.value:undefined});
   out.textContent=r.status+' '+r.statusText+'\\n'+await r.text()}})),out);
  d.append(b);root.append(d)}
}).catch(e=>{document.getElementById('ops').textContent='Could not load openapi.json: '+e});
</script></body></html>`;

export function registerDocs(app: ReturnType<typeof createRouter>) {
  app.get("/docs", (c) => {
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
    );
    return c.html(page);
  });
}
