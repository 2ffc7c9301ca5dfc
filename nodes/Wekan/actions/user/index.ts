import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { createToken } from './createToken.operation';
import { deleteUser } from './delete.operation';
import { disableLogin } from './disableLogin.operation';
import { enableLogin } from './enableLogin.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { getMe } from './getMe.operation';
import { register } from './register.operation';
import { takeOwnership } from './takeOwnership.operation';

export const user: WekanResource = {
	value: 'user',
	name: 'User',
	operations: [getMe, get, getMany, create, register, disableLogin, enableLogin, takeOwnership, deleteUser, createToken],
};
