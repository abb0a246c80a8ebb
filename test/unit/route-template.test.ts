import { describe, expect, it } from 'vitest';
import { compileRouteTemplate } from '../../local/host/route-template.js';

describe('compileRouteTemplate', () => {
  it.each([
    { name: 'literal, case-insensitive', template: 'api/Items', path: '/API/items', want: {} },
    { name: 'parameter', template: 'api/items/{id}', path: '/api/items/42', want: { id: '42' } },
    { name: 'url-decoded parameter', template: 'api/items/{id}', path: '/api/items/a%20b', want: { id: 'a b' } },
    { name: 'optional parameter present', template: 'api/items/{id?}', path: '/api/items/7', want: { id: '7' } },
    { name: 'optional parameter absent', template: 'api/items/{id?}', path: '/api/items', want: {} },
    { name: 'default value', template: 'api/items/{page=1}', path: '/api/items', want: { page: '1' } },
    { name: 'int constraint', template: 'api/items/{id:int}', path: '/api/items/12', want: { id: '12' } },
    { name: 'int constraint rejects text', template: 'api/items/{id:int}', path: '/api/items/abc', want: undefined },
    { name: 'alpha constraint', template: 'hello/{name:alpha}', path: '/hello/World', want: { name: 'World' } },
    { name: 'guid constraint', template: 'x/{id:guid}', path: '/x/3f2504e0-4f89-11d3-9a0c-0305e82c3301', want: { id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' } },
    { name: 'length(min,max) constraint too short', template: 'x/{v:length(3,5)}', path: '/x/ab', want: undefined },
    { name: 'range constraint', template: 'x/{n:range(1,10)}', path: '/x/10', want: { n: '10' } },
    { name: 'range constraint out of range', template: 'x/{n:range(1,10)}', path: '/x/11', want: undefined },
    { name: 'regex constraint with colon inside', template: 'x/{v:regex(^a:b$)}', path: '/x/a:b', want: { v: 'a:b' } },
    { name: 'catch-all takes the rest', template: 'files/{*path}', path: '/files/a/b/c.txt', want: { path: 'a/b/c.txt' } },
    { name: 'double-star catch-all', template: 'files/{**path}', path: '/files/a/b', want: { path: 'a/b' } },
    { name: 'catch-all may be empty', template: 'files/{*path}', path: '/files', want: {} },
    { name: 'extra segments do not match', template: 'api/items', path: '/api/items/1', want: undefined },
    { name: 'missing required segment', template: 'api/items/{id}', path: '/api/items', want: undefined },
    { name: 'trailing slash ignored', template: 'api/items', path: '/api/items/', want: {} },
    { name: 'empty template is the root', template: '', path: '/', want: {} },
  ])('$name', ({ template, path, want }) => {
    expect(compileRouteTemplate(template).match(path)).toEqual(want);
  });

  it('ranks literals above parameters above catch-alls', () => {
    const ranked = ['files/{*path}', 'files/{name}', 'files/readme', 'files/{id:int}']
      .map(compileRouteTemplate)
      .sort((a, b) => b.precedence - a.precedence)
      .map((r) => r.template);
    expect(ranked).toEqual(['files/readme', 'files/{id:int}', 'files/{name}', 'files/{*path}']);
  });

  it.each([
    { template: 'files/{*path}/more', message: /catch-all parameter must be the last segment/ },
    { template: 'x/{id:frobnicate}', message: /unknown constraint "frobnicate"/ },
    { template: 'x/a{id}', message: /a segment must be a literal or one whole parameter/ },
  ])('rejects $template', ({ template, message }) => {
    expect(() => compileRouteTemplate(template)).toThrow(message);
  });
});
