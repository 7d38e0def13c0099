/** Rules over the whole tree: no package cycle in any module. */
package io.backstop.architecture;
