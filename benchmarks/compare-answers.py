#!/usr/bin/env python3
"""Compares what two running services answer about the same customers: each customer's current
assessment and history, and a pre-bind check of each, field by field. For checking that a change of
the code changes no answer on the same data (start each version on its own copy of one database).

Usage: benchmarks/compare-answers.py http://localhost:8080 http://localhost:8081 [--customers N] [--ignore FIELD ...]
Fields that differ by nature are left out: evaluatedAt, checkId. Prints each difference and a summary;
exits 1 when any answer differs."""
import argparse
import base64
import json
import sys
import urllib.request

VOLATILE = {'evaluatedAt', 'checkId'}


def call(base, path, user, body=None):
    request = urllib.request.Request(base + path, method='POST' if body is not None else 'GET',
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header('Authorization', 'Basic ' + base64.b64encode((user + ':demo').encode()).decode())
    request.add_header('Content-Type', 'application/json')
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def strip(value, ignored):
    if isinstance(value, dict):
        return {k: strip(v, ignored) for k, v in value.items() if k not in VOLATILE and k not in ignored}
    if isinstance(value, list):
        return [strip(v, ignored) for v in value]
    return value


def differences(a, b, path=''):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from differences(a.get(key, '<absent>'), b.get(key, '<absent>'), path + '.' + key)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, '%s[%d]' % (path, i))
    elif a != b:
        yield '%s: %s != %s' % (path, json.dumps(a, ensure_ascii=False)[:200], json.dumps(b, ensure_ascii=False)[:200])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('before')
    parser.add_argument('after')
    parser.add_argument('--customers', type=int, default=1_000_000)
    parser.add_argument('--ignore', nargs='*', default=[], help='fields to leave out, e.g. category (a new field)')
    parser.add_argument('--checks', action='store_true', help='also compare a pre-bind check of each customer')
    args = parser.parse_args()
    ignored = set(args.ignore)
    numbers, page = [], 0
    while len(numbers) < args.customers:
        found = call(args.before, '/api/v1/customers?size=200&page=%d' % page, 'admin')['items']
        if not found:
            break
        numbers += [c['customerNo'] for c in found]
        page += 1
    numbers = numbers[:args.customers]
    compared, differing = 0, 0
    for number in numbers:
        paths = ['/api/v1/customers/%s/assessment' % number, '/api/v1/customers/%s/assessments' % number]
        answers = [(path, call(args.before, path, 'admin'), call(args.after, path, 'admin')) for path in paths]
        if args.checks:
            body = {'customerNo': number}
            answers.append(('pre-bind ' + number, call(args.before, '/api/v1/checks/pre-bind', 'admin', body),
                            call(args.after, '/api/v1/checks/pre-bind', 'admin', body)))
        for what, before, after in answers:
            compared += 1
            found = list(differences(strip(before, ignored), strip(after, ignored)))
            if found:
                differing += 1
                print(what)
                for line in found[:10]:
                    print('   ', line)
    print('%d customers, %d answers compared, %d differ%s' % (len(numbers), compared, differing,
          ' (ignoring %s)' % ', '.join(sorted(ignored)) if ignored else ''))
    sys.exit(1 if differing else 0)


if __name__ == '__main__':
    main()
