import { z } from 'zod';
import { idSchema, serverManagedShape } from './common.ts';

export const objectPrivilegeSchema = z.object({
  object: z.string().trim().min(1).max(64),
  read: z.boolean(),
  create: z.boolean(),
  edit: z.boolean(),
  delete: z.boolean(),
});
export type ObjectPrivilege = z.infer<typeof objectPrivilegeSchema>;

export const privilegesSchema = z.object({
  objects: z.array(objectPrivilegeSchema).max(200),
  system: z.array(z.string().trim().min(1).max(64)).max(200),
});
export type Privileges = z.infer<typeof privilegesSchema>;

const writableFields = {
  name: z.string().trim().min(1).max(64),
  parentId: idSchema.nullable(),
  privileges: privilegesSchema,
};

export const roleSchema = z.object({
  id: idSchema,
  ...writableFields,
  ...serverManagedShape,
});
export type Role = z.infer<typeof roleSchema>;

export const roleCreateSchema = z
  .object({
    id: idSchema.optional(),
    name: writableFields.name,
    parentId: idSchema,
    privileges: privilegesSchema.optional(),
  })
  .strict();
export type RoleCreate = z.infer<typeof roleCreateSchema>;

export const rolePatchSchema = z.object(writableFields).partial().strict();
export type RolePatch = z.infer<typeof rolePatchSchema>;

export const roleWritableKeys = Object.keys(writableFields) as Array<keyof typeof writableFields>;
