// Semantic rules of SCOs that a property table cannot express (specification section 6).
import { childPath } from './defects.ts';
import { exclusive, oneOf, requires, timeOrder, type Rule } from './rules-util.ts';

export const SCO_RULES: Readonly<Record<string, Rule>> = {
  artifact: (obj, path, ctx) => {
    exclusive(obj, path, ctx, 'payload_bin', 'url');
    oneOf(obj, path, ctx, ['payload_bin', 'url']);
    requires(obj, path, ctx, 'url', ['hashes']);
    requires(obj, path, ctx, 'decryption_key', ['encryption_algorithm']);
  },
  'email-message': (obj, path, ctx) => {
    if (obj.is_multipart === true && obj.body !== undefined) {
      ctx.sink.error(childPath(path, 'body'), 'mutually-exclusive', 'body must not be present when is_multipart is true (use body_multipart)');
    }
    if (obj.is_multipart === false && obj.body_multipart !== undefined) {
      ctx.sink.error(childPath(path, 'body_multipart'), 'mutually-exclusive', 'body_multipart must not be present when is_multipart is false');
    }
  },
  file: (obj, path, ctx) => oneOf(obj, path, ctx, ['hashes', 'name']),
  'network-traffic': (obj, path, ctx) => {
    oneOf(obj, path, ctx, ['src_ref', 'dst_ref']);
    timeOrder(obj, path, ctx, 'start', 'end');
    if (obj.is_active === true && obj.end !== undefined) {
      ctx.sink.error(childPath(path, 'end'), 'mutually-exclusive', 'end must not be present when is_active is true');
    }
  },
};
